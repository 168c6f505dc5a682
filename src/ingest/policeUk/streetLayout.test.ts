import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { countCurrentRows } from '../../../test/policeUkQueries.ts';

// The published file, gzipped (demo-data/ carries it so): the importer reads gzip by content.
const TH_BURGLARY = testData('police-uk/street-burglary/street_burglary_TowerHamlets_2010-12_2025-02.csv.gz');

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe('police.uk street CSV: Tower Hamlets burglary', () => {
  it("imports every row, keeping rows with a blank Crime ID and the publisher's repeated Crime IDs", async () => {
    const r = await importForTest(t.database, TH_BURGLARY);
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('police-uk-street');
    // python3 csv.reader over the file: 37,363 data rows, 2,627 with a blank Crime ID
    // (290 non-blank Crime IDs recur within a month with the same type and force; they are kept).
    expect(r.rows).toBe(37363);
    expect(r.imported).toBe(37363);
    expect(await countCurrentRows(t.database, 'police_uk_street', { series: 'police-uk-street' })).toBe(37363);
    expect(await countCurrentRows(t.database, 'police_uk_street', { blankCrimeId: true })).toBe(2627);
  });

  it('counts 2,445 burglary rows in FY2015/16', async () => {
    // python3: rows with '2015-04' <= Month <= '2016-03' and Crime type == 'Burglary' (all in Tower Hamlets LSOAs): 2,445.
    const fy = { from: '2015-04-01', to: '2016-03-01', crimeType: 'Burglary', lsoaNamePrefix: 'Tower Hamlets ' };
    expect(await countCurrentRows(t.database, 'police_uk_street', fy)).toBe(2445);
  });

  it('says a second import of the same file changed nothing', async () => {
    const r = await importForTest(t.database, TH_BURGLARY);
    expect(r.status).toBe('unchanged');
    expect(await countCurrentRows(t.database, 'police_uk_street')).toBe(37363);
  });
});
