import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, sumCounts, sumTowerHamletsWards, TOWER_HAMLETS_WARDS } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { offenceCatalogue } from '../../domain/classifications/offenceCatalogue.ts';

/*
 * The two real MPS ward extracts imported earlier one first. Expected figures
 * come from python3 over the raw files (csv.DictReader, summing month columns
 * for rows with lookup_boroughname "Tower Hamlets" or "Aviation Security (SO18)").
 * recorded-crime-ward-historical.csv.gz runs 2010-04..2024-02 (extract date
 * inferred 2024-03-01); recorded-crime-ward.csv runs 2024-02..2026-02
 * (2026-03-01). Its 2024-02 column is almost empty (Tower Hamlets 1, London 40,
 * against 2,873 and 73,652 in the earlier extract), yet as the later extract
 * it is the current value: the earlier one stays answerable "as of" 2024-03-01.
 */
const TH_WARDS = TOWER_HAMLETS_WARDS;
const HISTORICAL = testData('mps/ward/recorded-crime-ward-historical.csv.gz');
const CURRENT = testData('mps/ward/recorded-crime-ward.csv');

const towerHamletsWards = (t: TestDb, q: { from: string; to: string; asOf?: string }) =>
  sumTowerHamletsWards(t.database, q);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe('MPS ward extracts, earlier extract first', () => {
  it('imports the historical extract with all 20 Tower Hamlets wards under their borough', async () => {
    const r = await importForTest(t.database, HISTORICAL);
    expect(r.status).toBe('imported');
    expect(r.format).toBe('mps-ward-wide');
    const wards = await t.database.db
      .selectFrom('area')
      .select(['code', 'parent_code', 'type'])
      .where('code', 'in', TH_WARDS)
      .execute();
    expect(wards).toHaveLength(20);
    for (const w of wards) expect(w).toMatchObject({ parent_code: 'E09000030', type: 'ward' });
    expect(await towerHamletsWards(t, { from: '2022-04-01', to: '2023-03-01' })).toBe(32900);
  }, 900_000);

  it('keeps the Aviation Security (SO18) rows as their own ward area under MPS-SO18', async () => {
    const so18 = await t.database.db
      .selectFrom('area')
      .selectAll()
      .where('code', '=', 'MPS-SO18/E05013570')
      .executeTakeFirst();
    expect(so18).toMatchObject({ parent_code: 'MPS-SO18', type: 'ward' });
    // Heathrow Villages appears under both Hillingdon and SO18 in this file; both shares are kept.
    const all = { seriesPrefix: 'mps-ward', from: '2010-04-01', to: '2024-02-01' };
    expect(await sumCounts(t.database, { ...all, areaCode: 'MPS-SO18/E05013570' })).toBe(4698);
    expect(await sumCounts(t.database, { ...all, areaCode: 'E05013570' })).toBe(51052);
    const hillingdonShare = await t.database.db
      .selectFrom('area')
      .select('parent_code')
      .where('code', '=', 'E05013570')
      .executeTakeFirst();
    expect(hillingdonShare?.parent_code).toBe('E09000017');
  });

  it('a later extract replaces overlapping months, counted once; its stub 2024-02 column is not imported', async () => {
    const r = await importForTest(t.database, CURRENT);
    expect(r.status).toBe('imported');
    // The only overlapping month is the stub, which is skipped, so nothing is replaced and nothing doubled.
    // (Replacement across overlapping months is proven on the 2023 and 2026 borough extracts: mpsWideLayouts.test.ts.)
    expect(r.replaced).toBe(0);
    const feb = { from: '2024-02-01', to: '2024-02-01' };
    // The later file's 2024-02 (TH 1, London 40) is a stub edge month (partialEdgeMonths.ts): the complete 2,873 stays current.
    expect(await towerHamletsWards(t, feb)).toBe(2873);
    expect(await towerHamletsWards(t, { ...feb, asOf: '2024-03-01' })).toBe(2873);
    expect(await towerHamletsWards(t, { ...feb, asOf: '2026-03-01' })).toBe(2873);
    const batch = await t.database.db
      .selectFrom('import_batch')
      .select('notes')
      .where('file_name', '=', 'recorded-crime-ward.csv')
      .executeTakeFirstOrThrow();
    expect(batch.notes).toMatch(/partial month 2024-02 not imported: 40 offences/);
    // Months only one extract holds are untouched.
    expect(await towerHamletsWards(t, { from: '2024-01-01', to: '2024-01-01' })).toBe(2831);
    expect(await towerHamletsWards(t, { from: '2024-03-01', to: '2024-03-01' })).toBe(2773);
    // SO18 over everything: 4,698 (earlier extract, incl. 441 in 2024-02) + 12,700 (later extract, whose 2024-02 is 0 and skipped).
    expect(
      await sumCounts(t.database, {
        seriesPrefix: 'mps-ward',
        areaCode: 'MPS-SO18/E05013570',
        from: '2010-04-01',
        to: '2026-02-01',
      }),
    ).toBe(17398);
  }, 900_000);

  it('finds every major/minor of every real MPS borough and ward file in the catalogue (no new categories)', async () => {
    const seeded = offenceCatalogue.categories.filter(
      (c) => c.classification === 'mps_old' || c.classification === 'ho_aligned',
    ).length;
    for (const name of [
      'MPS Borough Level Crime (Historical).csv',
      'MPS Borough Level Crime (most recent 24 months).csv',
      'recorded-crime-borough-historical.csv',
      'recorded-crime-borough.csv',
    ]) {
      const r = await importForTest(t.database, testData('mps/borough', name));
      expect(r.status, name).toBe('imported');
    }
    // Migration 0014's total notifiable offences entries are not file categories: left out.
    const stored = await t.database.db
      .selectFrom('offence_category')
      .select(['classification', 'major', 'minor'])
      .where('classification', 'in', ['mps_old', 'ho_aligned'])
      .where('match_key', '<>', 'TOTAL NOTIFIABLE OFFENCES|')
      .execute();
    expect(stored).toHaveLength(seeded);
    // The 24-month file is in the old classification, whatever its title says.
    const oldBatch = await t.database.db
      .selectFrom('import_batch')
      .select('series')
      .where('file_name', '=', 'MPS Borough Level Crime (most recent 24 months).csv')
      .executeTakeFirstOrThrow();
    expect(oldBatch.series).toBe('mps-borough/mps_old');
  }, 900_000);
});
