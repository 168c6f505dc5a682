import { describe, expect, it } from 'vitest';
import { Indicator } from './indicatorSchema.ts';

const valid = {
  id: 'personal-robbery',
  version: 1,
  name: 'Personal robberies',
  theme: 'property-acquisitive-crime',
  leadAgency: 'police',
  subgroup: 'TTCG',
  unit: { kind: 'count' },
  polarity: 'lower-is-better',
  periodType: 'october-september',
  baseline: 'SA 2012/13',
  target: { kind: 'none' },
  source: { kind: 'computed', category: { classification: 'mps_old', major: 'Robbery', minor: 'Personal Property' } },
  citation: 'Seed 004, table "Priority H", row "Number of Personal Robberies"',
};

/** The paths of every problem zod reports for `valid` with `change` applied. */
function problems(change: Record<string, unknown>): string[] {
  const result = Indicator.safeParse({ ...valid, ...change });
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('Indicator schema', () => {
  it('accepts a computed count, a returned percentage and both kinds of target', () => {
    expect(problems({})).toEqual([]);
    expect(
      problems({
        unit: { kind: 'percentage', numerator: 'offences detected', denominator: 'offences' },
        polarity: 'higher-is-better',
        source: { kind: 'returned', description: 'from the police' },
        target: { kind: 'value', value: 40, tolerance: { amberWithinPercent: 5, text: 'amber within 5%' } },
      }),
    ).toEqual([]);
    expect(
      problems({
        target: { kind: 'change', percent: -10, against: 'baseline', tolerance: { amberWithinPercent: 5, text: 'x' } },
      }),
    ).toEqual([]);
    expect(problems({ unit: { kind: 'rate', per: 1000, population: 'residents' }, baseline: undefined })).toEqual([]);
  });

  it.each([
    ['id', { id: 'Personal Robbery' }],
    ['version', { version: 0 }],
    ['name', { name: '' }],
    ['leadAgency', { leadAgency: 'LBTH' }],
    ['subgroup', { subgroup: '' }],
    ['unit.per', { unit: { kind: 'rate', per: 100, population: 'residents' } }],
    ['unit.denominator', { unit: { kind: 'percentage', numerator: 'detected' } }],
    ['polarity', { polarity: 'up' }],
    ['periodType', { periodType: 'calendar-year' }],
    ['target.tolerance', { target: { kind: 'value', value: 4 } }],
    [
      'target.against',
      {
        target: { kind: 'change', percent: -5, against: 'last year', tolerance: { amberWithinPercent: 5, text: 'x' } },
      },
    ],
    [
      'baseline',
      {
        baseline: undefined,
        target: { kind: 'change', percent: -5, against: 'baseline', tolerance: { amberWithinPercent: 5, text: 'x' } },
      },
    ],
    [
      'target.value',
      {
        unit: { kind: 'percentage', numerator: 'a', denominator: 'b' },
        target: { kind: 'value', value: 140, tolerance: { amberWithinPercent: 5, text: 'x' } },
      },
    ],
    ['source.definition', { source: { kind: 'computed' } }],
    [
      'source.definition',
      {
        source: {
          kind: 'computed',
          definition: 'knife-crime',
          category: { classification: 'mps_old', major: 'Robbery' },
        },
      },
    ],
    [
      'source.category.classification',
      { source: { kind: 'computed', category: { classification: 'mps', major: 'Robbery' } } },
    ],
    ['source.description', { source: { kind: 'returned' } }],
    ['citation', { citation: undefined }],
    ['', { colour: 'red' }],
  ])('refuses a bad %s, naming it', (path, change) => {
    expect(problems(change)).toContain(path);
  });
});
