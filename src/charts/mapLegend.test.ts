import { describe, expect, it } from 'vitest';
import { classColour, classIndex, legendColumn, mapClasses, quantileBreaks } from './mapLegend.ts';
import { COLOURS } from './svg.ts';

describe('quantile map classes', () => {
  it('splits 1..10 into five classes at the R-7 quantiles (worked by hand)', () => {
    // h = (n − 1)·p: p = 0.2 → 1.8 → 2 + 0.8 = 2.8; 0.4 → 3.6 → 4.6; 0.6 → 5.4 → 6.4; 0.8 → 7.2 → 8.2
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const breaks = quantileBreaks(values, 5);
    expect(breaks.map((b) => Number(b.toFixed(6)))).toEqual([2.8, 4.6, 6.4, 8.2]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => classIndex(v, breaks))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('says each class in words, with the top class closed at the maximum', () => {
    const classes = mapClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(classes.map((c) => c.words)).toEqual([
      '1.00 to under 2.80',
      '2.80 to under 4.60',
      '4.60 to under 6.40',
      '6.40 to under 8.20',
      '8.20 to 10.0',
    ]);
    expect(classes.map((c) => c.areas)).toEqual([2, 2, 2, 2, 2]);
    expect(classes.map((c) => c.colour)).toEqual([...COLOURS.sequential]);
  });

  it('rounds count breaks up to whole numbers and words them as whole ranges', () => {
    const classes = mapClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5, true);
    // breaks 2.8 → 3, 4.6 → 5, 6.4 → 7, 8.2 → 9
    expect(classes.map((c) => c.words)).toEqual(['1 to 2', '3 to 4', '5 to 6', '7 to 8', '9 to 10']);
  });

  it('merges breaks that coincide, giving fewer classes spread over the palette', () => {
    const classes = mapClasses([0, 0, 0, 0, 0, 0, 0, 0, 5, 10]);
    // p = 0.2 … 0.6 fall on zeros (no class above the minimum); p = 0.8 → 7.2 → 0 + 0.2·5 = 1
    expect(classes).toHaveLength(2);
    expect(classes.map((c) => c.colour)).toEqual([COLOURS.sequential[0], COLOURS.sequential[4]]);
    expect(classColour(1, 3)).toBe(COLOURS.sequential[2]);
  });

  it('has no classes without values', () => {
    expect(mapClasses([])).toEqual([]);
  });

  it('draws one legend row per item, with presentation attributes only', () => {
    const legend = legendColumn(
      'Rate',
      [
        { fill: '#fff', label: 'A & B' },
        { fill: '#000', label: 'C' },
      ],
      0,
      0,
    );
    expect(legend.svg.match(/<rect /g)).toHaveLength(2);
    expect(legend.svg).toContain('A &amp; B');
    expect(legend.svg).not.toMatch(/style=/);
  });
});
