import { describe, expect, it } from 'vitest';
import { medianMonthTotal, partialEdgeMonthDetails, partialEdgeMonths } from './partialEdgeMonths.ts';

const months = (values: number[]) => new Map(values.map((v, i) => [`2024-${String(i + 1).padStart(2, '0')}-01`, v]));

describe('partialEdgeMonths', () => {
  it('flags a stub first month (the real 2024-02 column: 40 against a median near 74,000)', () => {
    expect(partialEdgeMonths(months([40, 73000, 74000, 75000, 76000, 74500]))).toEqual(['2024-01-01']);
  });
  it('flags a stub last month too', () => {
    expect(partialEdgeMonths(months([100, 98, 102, 99, 101, 5]))).toEqual(['2024-06-01']);
  });
  it('keeps a low interior month and edge months at or above 10% of the median', () => {
    expect(partialEdgeMonths(months([10, 100, 1, 100, 100, 100]))).toEqual([]);
  });
  it('does not judge files too short to have a typical month', () => {
    expect(partialEdgeMonths(months([0, 100, 100]))).toEqual([]);
  });
  it('reports each month left out with its total and the median it fell short of, as the batch stores them', () => {
    // By hand: sorted 5, 98, 99, 100, 101, 102; median (99 + 100) / 2 = 99.5, stored rounded as 100.
    expect(partialEdgeMonthDetails(months([100, 98, 102, 99, 101, 5]))).toEqual([
      { month: '2024-06', offences: 5, medianMonth: 100 },
    ]);
    expect(partialEdgeMonthDetails(months([10, 100, 1, 100, 100, 100]))).toEqual([]);
  });
  it('takes the median of an odd count as its middle value, and of none as 0', () => {
    expect(medianMonthTotal(months([3, 1, 2]))).toBe(2);
    expect(medianMonthTotal(new Map())).toBe(0);
  });
});
