import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, sumCounts } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';

const TH = 'E09000030';
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe('MPS borough files, every vintage', () => {
  it('imports the 2023 "Historical" extract with Tower Hamlets totals matching the file', async () => {
    const r = await importForTest(t.database, testData('mps/borough/MPS Borough Level Crime (Historical).csv'));
    expect(r.status).toBe('imported');
    expect(r.format).toBe('mps-borough-wide');
    // Worked out independently with awk over the file: sum of TH months 201504..201603 and 201404..201503.
    expect(
      await sumCounts(t.database, {
        seriesPrefix: 'mps-borough/ho_aligned',
        areaCode: TH,
        from: '2015-04-01',
        to: '2016-03-01',
      }),
    ).toBe(28151);
    expect(
      await sumCounts(t.database, {
        seriesPrefix: 'mps-borough/ho_aligned',
        areaCode: TH,
        from: '2014-04-01',
        to: '2015-03-01',
      }),
    ).toBe(26536);
  });

  it('says a second import of the same file changed nothing', async () => {
    const r = await importForTest(t.database, testData('mps/borough/MPS Borough Level Crime (Historical).csv'));
    expect(r.status).toBe('unchanged');
    expect(r.message).toMatch(/already imported/);
  });

  it('a later extract replaces overlapping months and keeps the earlier values as of their extract date', async () => {
    const r = await importForTest(t.database, testData('mps/borough/recorded-crime-borough-historical.csv'));
    expect(r.status).toBe('imported');
    // python over both files: each file's non-zero cells grouped by (borough, month), one revision slice each. Of the
    // 2026 extract's 5,523 slices, 170 are months the 2023 one lacks (4,635 counts), 2 are identical (14 counts) and
    // 5,351 differ (141,769 counts).
    expect([r.imported, r.unchanged, r.replaced]).toEqual([4635, 14, 141769]);
    // FY2016/17 for Tower Hamlets, summed by hand from each file with a separate script:
    // 30,316 in the 2023 extract, 30,321 in the 2026 one (late recording).
    const fy1617 = { seriesPrefix: 'mps-borough/ho_aligned', areaCode: TH, from: '2016-04-01', to: '2017-03-01' };
    expect(await sumCounts(t.database, fy1617)).toBe(30321);
    expect(await sumCounts(t.database, { ...fy1617, asOf: '2023-10-01' })).toBe(30316);
    expect(await sumCounts(t.database, { ...fy1617, asOf: '2026-03-01' })).toBe(30321);
    // Nothing is counted twice: FY2015/16 is the same in both extracts and is not doubled.
    expect(await sumCounts(t.database, { ...fy1617, from: '2015-04-01', to: '2016-03-01' })).toBe(28151);
    // FY2023/24 exists only in full in the 2026 extract.
    expect(await sumCounts(t.database, { ...fy1617, from: '2023-04-01', to: '2024-03-01' })).toBe(33141);
  });
});
