import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { sharedData } from '../../../test/sharedData.ts';
import { stopSearchForce } from './forces.ts';
import { countCurrentRows } from './policeUkTestQueries.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

// Expected figures from python3 csv.DictReader over the raw files.
describe('police.uk outcomes CSV', () => {
  it('imports the Tower Hamlets file: 8,626 rows, 467 of them in 2015', async () => {
    const r = await importForTest(t.database, sharedData('police-uk/outcomes/outcomes_burglarylinked_TowerHamlets.csv'));
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('police-uk-outcomes');
    expect(r.rows).toBe(8626);
    expect(await countCurrentRows(t.database, 'police_uk_outcome', { series: 'police-uk-outcomes' })).toBe(8626);
    expect(await countCurrentRows(t.database, 'police_uk_outcome', { from: '2015-01-01', to: '2015-12-01' })).toBe(467);
  });

  it('imports the all-Met .gz (225,486 rows, 1,814 without a location)', async () => {
    const r = await importForTest(t.database, sharedData('police-uk/outcomes/outcomes_burglarylinked_MPS_all_2012-01_2025-02.csv.gz'));
    expect(r.errors).toEqual([]);
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(225486);
    // The TH rows are the same outcomes again: their slices (LSOA × month × force) are unchanged, nothing is doubled.
    expect(await countCurrentRows(t.database, 'police_uk_outcome')).toBe(225486);
    const unlocated = await t.database.db
      .selectFrom('police_uk_outcome')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('lsoa_code', 'is', null)
      .where('latitude', 'is', null)
      .executeTakeFirst();
    expect(Number(unlocated?.n)).toBe(1814);
  }, 600_000);
});

describe('police.uk stop-and-search CSV', () => {
  it('imports the Tower Hamlets file with its added LSOA 2021 columns: 40,657 rows, 299 dated 2016-06', async () => {
    const r = await importForTest(t.database, sharedData('police-uk/stop-and-search/stop_and_search_TowerHamlets_pip_lsoa21.csv'));
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('police-uk-stop-search');
    expect(r.rows).toBe(40657);
    expect(await countCurrentRows(t.database, 'police_uk_stop_search', { series: 'police-uk-stop-search', lsoaNamePrefix: 'Tower Hamlets ' })).toBe(40657);
    expect(await countCurrentRows(t.database, 'police_uk_stop_search', { from: '2016-06-01', to: '2016-06-01' })).toBe(299);
    const forces = await t.database.db.selectFrom('police_uk_stop_search').select('force').distinct().execute();
    expect(forces).toEqual([{ force: 'Metropolitan Police Service' }]);
  });

  it('takes the force from a data.police.uk download name, else assumes the Met', () => {
    expect(stopSearchForce('2024-05-city-of-london-stop-and-search.csv')).toEqual({ force: 'City of London Police', fromFileName: true });
    expect(stopSearchForce('2024-05-metropolitan-stop-and-search.csv').force).toBe('Metropolitan Police Service');
    expect(stopSearchForce('stop_and_search_Newham_pip_lsoa21.csv')).toEqual({ force: 'Metropolitan Police Service', fromFileName: false });
  });
});
