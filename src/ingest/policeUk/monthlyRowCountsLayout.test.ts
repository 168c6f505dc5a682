import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, sumCounts, tableCounts } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { tempDir } from '../../../test/tempFiles.ts';

let t: TestDb;
const files = tempDir();
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  files.cleanup();
  await t?.drop();
});

describe('police.uk all-Met monthly control totals', () => {
  it('imports the street burglary totals (171 months)', async () => {
    const r = await importForTest(
      t.database,
      testData('police-uk/street-burglary/street_burglary_MPS_all_monthly_counts.csv'),
    );
    expect(r).toMatchObject({ status: 'imported', format: 'police-uk-street-monthly-rows', rows: 171 });
    // First data line of the file: 2010-12,7897.
    expect(
      await sumCounts(t.database, {
        seriesPrefix: 'police-uk-control-totals',
        areaCode: 'E23000001',
        from: '2010-12-01',
        to: '2010-12-01',
      }),
    ).toBe(7897);
  });

  it('imports the stop-and-search totals', async () => {
    const r = await importForTest(
      t.database,
      testData('police-uk/stop-and-search/stop_and_search_MPS_all_monthly_counts.csv'),
    );
    expect(r).toMatchObject({ status: 'imported', format: 'police-uk-stop-search-monthly-rows' });
    // Second line of the file: 2015-04,11126.
    expect(
      await sumCounts(t.database, {
        seriesPrefix: 'police-uk-control-totals/police-uk-stop-search',
        areaCode: 'E23000001',
        from: '2015-04-01',
        to: '2015-04-01',
      }),
    ).toBe(11126);
  });

  it('rejects a repeated month and a negative total, writing nothing', async () => {
    const before = await tableCounts(t.database, ['import_batch', 'count_slice', 'crime_count']);
    const r = await importForTest(
      t.database,
      files.file('totals.csv', 'Month,burglary_rows_all_MPS_file\n2020-01,5\n2020-01,6\n2020-02,-1\n'),
    );
    expect(r.status).toBe('rejected');
    expect(r.errors).toEqual([
      { line: 3, column: 'Month', value: '2020-01', message: 'the same month as line 2' },
      { line: 4, column: 'burglary_rows_all_MPS_file', value: '-1', message: 'a count cannot be negative' },
    ]);
    expect(await tableCounts(t.database, ['import_batch', 'count_slice', 'crime_count'])).toEqual(before);
  });
});
