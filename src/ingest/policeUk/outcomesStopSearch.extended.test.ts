import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { fullData } from '../../../test/sharedData.ts';
import { countCurrentRows, outcomeSlices } from '../../../test/policeUkQueries.ts';

// The whole all-Met outcomes file (13.8 MB gzipped, too big to carry; its 2019 is tested in outcomesStopSearch.test.ts).
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

// Expected figures from python3 csv.DictReader over the raw files.
describe('police.uk outcomes CSV, the whole all-Met file', () => {
  it('imports the all-Met .gz after the Tower Hamlets file (225,486 rows, 1,814 without a location)', async () => {
    expect(
      (await importForTest(t.database, fullData('police-uk/outcomes/outcomes_burglarylinked_TowerHamlets.csv'))).rows,
    ).toBe(8626);
    const r = await importForTest(
      t.database,
      fullData('police-uk/outcomes/outcomes_burglarylinked_MPS_all_2012-01_2025-02.csv.gz'),
    );
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(225486);
    // The TH rows are the same outcomes again: their slices (borough × month × force) are unchanged, nothing is doubled.
    expect(r.unchanged).toBe(8626);
    expect(await countCurrentRows(t.database, 'police_uk_outcome')).toBe(225486);
    // 5,264 keys (Python over the file): 124 without an LSOA, 96 keyed by an LSOA outside London; 147,785 by LSOA alone.
    const slices = await outcomeSlices(t.database);
    expect(slices.total).toBe(5264);
    expect([
      slices.byArea.none,
      slices.byArea.E01,
      Object.keys(slices.byArea).filter((k) => k.startsWith('E09')).length,
    ]).toEqual([124, 96, 33]);
    const unlocated = await t.database.db
      .selectFrom('police_uk_outcome')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('lsoa_code', 'is', null)
      .where('latitude', 'is', null)
      .executeTakeFirst();
    expect(Number(unlocated?.n)).toBe(1814);
  }, 600_000);
});
