import { describe, expect, it } from 'vitest';
import { describeSource, describeTarget, describeUnit } from './describeIndicator.ts';

describe('describeIndicator', () => {
  it('words each kind of target with its tolerance band', () => {
    const tolerance = { amberWithinPercent: 5, text: 'amber within 5%' };
    expect(describeTarget({ kind: 'none' })).toBe('no target');
    expect(describeTarget({ kind: 'value', value: 4, tolerance })).toBe('4 (amber within 5%)');
    expect(describeTarget({ kind: 'change', percent: -10, against: 'baseline', tolerance })).toBe(
      '-10% against baseline (amber within 5%)',
    );
    expect(describeTarget({ kind: 'change', percent: 5, against: 'previous', tolerance })).toBe(
      '+5% against previous (amber within 5%)',
    );
  });

  it('words units and sources', () => {
    expect(describeUnit({ kind: 'rate', per: 1000, population: 'residents' })).toBe('rate per 1,000 residents');
    expect(describeUnit({ kind: 'percentage', numerator: 'a', denominator: 'b' })).toBe('percentage');
    expect(describeSource({ kind: 'returned', description: 'NDTMS' })).toBe('returned');
    expect(describeSource({ kind: 'computed', definition: 'knife-crime' })).toBe('computed: definition knife-crime');
    expect(
      describeSource({
        kind: 'computed',
        category: { classification: 'ho_aligned', major: 'ROBBERY', minor: 'ROBBERY OF PERSONAL PROPERTY' },
      }),
    ).toBe('computed: ho_aligned ROBBERY / ROBBERY OF PERSONAL PROPERTY');
  });
});
