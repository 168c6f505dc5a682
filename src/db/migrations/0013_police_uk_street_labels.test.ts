import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { storedStreetRecords } from '../../../test/storedStreetRecords.ts';
import * as m0013 from './0013_police_uk_street_labels.ts';

/*
 * The real Tower Hamlets burglary file (data.police.uk, OGL v3.0). Counted from the CSV by hand (Python
 * csv module): 37,363 crimes, every one reported by and falling within the Metropolitan Police Service,
 * 21 distinct last outcome categories counting the blank one; 18,995 "Investigation complete; no suspect
 * identified", 3,257 blank. Carried gzipped (the importer reads gzip by content; the slices are the same).
 */
const TH_BURGLARY = testData('police-uk/street-burglary/street_burglary_TowerHamlets_2010-12_2025-02.csv.gz');
const MPS = 'Metropolitan Police Service';
const NO_SUSPECT = 'Investigation complete; no suspect identified';

let t: TestDb;
const untyped = () => t.database.db as unknown as Kysely<unknown>;

/** Crimes by the stored text of each repeated column, read through the labels (0013) or the text columns (0012). */
async function byText(db: Kysely<unknown>, labelled: boolean): Promise<Record<string, number>> {
  const rows = labelled
    ? sql<{ k: string; n: string }>`SELECT 'outcome:' || lo.label AS k, count(*)::int8 AS n FROM police_uk_street p
        JOIN police_uk_label lo ON lo.id = p.last_outcome_id GROUP BY 1
        UNION ALL SELECT 'reported:' || rb.label || '|' || fw.label, count(*)::int8 FROM police_uk_street p
        JOIN police_uk_label rb ON rb.id = p.reported_by_id JOIN police_uk_label fw ON fw.id = p.falls_within_id GROUP BY 1`
    : sql<{
        k: string;
        n: string;
      }>`SELECT 'outcome:' || last_outcome_category AS k, count(*)::int8 AS n FROM police_uk_street GROUP BY 1
        UNION ALL SELECT 'reported:' || reported_by || '|' || falls_within, count(*)::int8 FROM police_uk_street GROUP BY 1`;
  const { rows: found } = await rows.execute(db);
  return Object.fromEntries(found.map((r) => [r.k, Number(r.n)]));
}

beforeAll(async () => {
  t = await createTestDb();
  const result = await importForTest(t.database, TH_BURGLARY);
  if (result.status !== 'imported') throw new Error(result.message);
}, 120_000);
afterAll(async () => t?.drop());

describe('migration 0013: street records keep forces and outcomes as labels', () => {
  it('an import stores each repeated text once: one force and 21 outcome categories', async () => {
    const { rows } = await sql<{ label: string }>`SELECT label FROM police_uk_label ORDER BY label`.execute(
      t.database.db,
    );
    expect(rows.map((r) => r.label)).toHaveLength(22);
    expect(rows.map((r) => r.label)).toEqual(expect.arrayContaining([MPS, NO_SUSPECT, '']));
    const counts = await byText(untyped(), true);
    expect(counts[`reported:${MPS}|${MPS}`]).toBe(37_363);
    expect(counts[`outcome:${NO_SUSPECT}`]).toBe(18_995);
    expect(counts['outcome:']).toBe(3_257);
  });

  it('slices are fingerprinted as before the labels, so a file imported earlier is still recognised as unchanged', async () => {
    // The digest of this file's 171 slices (area, month, scope, content hash, rows) as the importer stored them
    // before migration 0013 (commit a92c32d): the identity hash still reads the published text.
    expect((await storedStreetRecords(t.database.db)).slices).toBe('fc7042958f7b610000ed782d959e8e77');
  });

  it('down restores the text columns with the same values, and up the same records', async () => {
    const before = await storedStreetRecords(t.database.db);
    const labelled = await byText(untyped(), true);
    await m0013.down(untyped());
    expect(await byText(untyped(), false)).toEqual(labelled);
    await m0013.up(untyped());
    expect(await byText(untyped(), true)).toEqual(labelled);
    expect(await storedStreetRecords(t.database.db)).toEqual(before);
  }, 60_000);
});
