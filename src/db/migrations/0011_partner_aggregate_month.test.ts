import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { undoImportBatch } from '../../ingest/undoBatch.ts';
import type { Definition } from '../../domain/definitions/definitionSchema.ts';
import { loadDefinitions } from '../../analysis/loadDefinitions.ts';
import { runAnalysis } from '../../analysis/runAnalysis.ts';
import { at, partnerCsv, type PartnerRow } from '../../analysis/testing/partnerExtract.ts';
import * as m0011 from './0011_partner_aggregate_month.ts';

/*
 * A hand-made SYNTHETIC extract over three months, one Tower Hamlets ward: VAP c1 (12 April, victim v1),
 * c2 (10 May, v1 again) and c3 (11 May, v2); robbery c4 (2 June, v3). By hand: VAP in May 2023 is 2
 * offences, April 1, April–June 3; in May alone nobody is a repeat victim (v1 and v2 once each),
 * over April–May v1 is (1 of 2 victims). Borough figures read rows by month (migration 0011).
 */
const VAP = 'VIOLENCE AGAINST THE PERSON';
const row = (date: string, crime: string, major: string, minor: string, victim: string): PartnerRow => ({
  ...at(date, '12:00'),
  recorded_date: date,
  record_id: `r-${crime}`,
  crime_ref: crime,
  ho_major_category: major,
  ho_minor_category: minor,
  victim_id: victim,
  victim_age: '30',
  victim_sex: 'female',
  victim_ethnicity: 'white',
});
const ROWS: PartnerRow[] = [
  row('2023-04-12', 'c1', VAP, 'VIOLENCE WITH INJURY', 'v1'),
  row('2023-05-10', 'c2', VAP, 'VIOLENCE WITHOUT INJURY', 'v1'),
  row('2023-05-11', 'c3', VAP, 'VIOLENCE WITHOUT INJURY', 'v2'),
  row('2023-06-02', 'c4', 'ROBBERY', 'ROBBERY OF PERSONAL PROPERTY', 'v3'),
];
const TABLES = [
  'agg_partner_police',
  'agg_partner_police_core',
  'agg_partner_police_time',
  'agg_partner_police_lsoa',
  'agg_partner_person',
  'agg_partner_definition',
];

let t: TestDb;
let definitions: Definition[];
let batchId: number;
const ask = async (period: string, extra: Record<string, unknown> = {}) =>
  (await runAnalysis(t.database.db, definitions, { area: 'Tower Hamlets', category: VAP, period, ...extra })).figures;

/** Per aggregate table: any rows (1/0), rows whose month differs from their slice's, and distinct months. */
async function months(db: Kysely<unknown>): Promise<Record<string, [number, number, number]>> {
  const out: Record<string, [number, number, number]> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number | string; wrong: number | string; months: number | string }>`
      SELECT count(*)::int8 AS n, count(*) FILTER (WHERE a.month IS DISTINCT FROM s.month)::int8 AS wrong, count(DISTINCT a.month)::int8 AS months
      FROM ${sql.table(table)} a JOIN count_slice s ON s.id = a.slice_id`.execute(db);
    out[table] = [Number(rows[0]!.n) > 0 ? 1 : 0, Number(rows[0]!.wrong), Number(rows[0]!.months)];
  }
  return out;
}
const untyped = () => t.database.db as unknown as Kysely<unknown>;
const ALL_RIGHT = Object.fromEntries(TABLES.map((table) => [table, [1, 0, 3]]));

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
  const dir = await mkdtemp(join(tmpdir(), 'safer-0011-'));
  await writeFile(join(dir, 'extract.csv'), partnerCsv(ROWS));
  const result = await importForTest(t.database, join(dir, 'extract.csv'), { extractDate: '2023-07-05' });
  if (result.status !== 'imported') throw new Error(`${result.message} ${JSON.stringify(result.errors.slice(0, 3))}`);
  batchId = result.batchId!;
}, 60_000);
afterAll(async () => t?.drop());

describe('migration 0011: partner aggregate rows carry their slice month', () => {
  it('an import fills the month of every partner aggregate row with its slice month (three months)', async () => {
    expect(await months(untyped())).toEqual(ALL_RIGHT);
  });

  it('borough figures count only the period months: VAP May 2, April 1, April–June 3', async () => {
    expect((await ask('May 2023'))[0]!.count).toBe(2);
    expect((await ask('Apr 2023'))[0]!.count).toBe(1);
    expect((await ask('Apr 2023–Jun 2023'))[0]!.count).toBe(3);
  });

  it('person figures too: no repeat victim in May alone, v1 over April–May (1 of 2)', async () => {
    expect((await ask('May 2023', { by: 'repeat-victimisation' }))[0]).toMatchObject({ count: 0, denominator: 2 });
    expect((await ask('Apr 2023–May 2023', { by: 'repeat-victimisation' }))[0]).toMatchObject({
      count: 1,
      denominator: 2,
    });
  });

  it('on a database that already holds aggregates, the migration fills the month from the slices', async () => {
    const db = untyped();
    await m0011.down(db);
    await m0011.up(db);
    expect(await months(db)).toEqual(ALL_RIGHT);
    expect((await ask('May 2023'))[0]!.count).toBe(2);
  });

  it('undo takes the rows away with their slices', async () => {
    await t.database.db.transaction().execute((trx) => undoImportBatch(trx, batchId));
    const left = await months(untyped());
    expect(Object.values(left).map(([n]) => n)).toEqual(TABLES.map(() => 0));
  });
});
