import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import type { Definition } from '../../domain/definitions/definitionSchema.ts';
import { undoImportBatch } from '../../ingest/undoBatch.ts';
import { loadDefinitions } from '../loadDefinitions.ts';
import { runAnalysis } from '../runAnalysis.ts';
import { at, partnerCsv, type PartnerRow } from '../testing/partnerExtract.ts';
import { refreshDefinitionCounts } from './definitionCounts.ts';
import { rebuildAllAggregates } from './refreshAggregatesForBatch.ts';

/*
 * Hand-made SYNTHETIC partner records, May 2023. The Serious Violence Duty definition counts violence, sexual
 * offences and robbery with a victim or suspect under 25, all domestic abuse, sexual violence and hate crime:
 * c1 (victim 17), c2 (suspect 19) and c3 (domestic abuse) are in it; c4 (victim 50, no suspect) and c5 (burglary) are not: 3.
 */
const SVD = 'serious-violence-duty-tower-hamlets';
const VAP = 'VIOLENCE AGAINST THE PERSON';
const victim = (id: string, age: string): PartnerRow => ({
  victim_id: id,
  victim_age: age,
  victim_sex: 'female',
  victim_ethnicity: 'white',
});
const ROWS: PartnerRow[] = [
  {
    ...at('2023-05-02', '10:00'),
    record_id: 'r1',
    crime_ref: 'c1',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITH INJURY',
    ...victim('v1', '17'),
  },
  {
    ...at('2023-05-03', '11:00'),
    record_id: 'r2',
    crime_ref: 'c2',
    ho_major_category: 'ROBBERY',
    ho_minor_category: 'ROBBERY OF PERSONAL PROPERTY',
    ...victim('v2', '40'),
    suspect_id: 's1',
    suspect_age: '19',
    suspect_sex: 'male',
    suspect_ethnicity: 'white',
  },
  {
    ...at('2023-05-04', '12:00'),
    record_id: 'r3',
    crime_ref: 'c3',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITHOUT INJURY',
    domestic_abuse: 'Y',
    ...victim('v3', '45'),
  },
  {
    ...at('2023-05-05', '13:00'),
    record_id: 'r4',
    crime_ref: 'c4',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITHOUT INJURY',
    ...victim('v4', '50'),
  },
  {
    ...at('2023-05-06', '14:00'),
    record_id: 'r5',
    crime_ref: 'c5',
    ho_major_category: 'BURGLARY',
    ho_minor_category: 'BURGLARY - RESIDENTIAL',
    ...victim('v5', '20'),
  },
];

let t: TestDb;
let definitions: Definition[];
let dir: string;
let firstBatch: number;
const svd = async (extra: Record<string, unknown> = {}, defs: Definition[] = definitions) =>
  (await runAnalysis(t.database.db, defs, { definition: SVD, area: 'Tower Hamlets', period: 'May 2023', ...extra }))
    .figures;
const keys = async () =>
  await t.database.db
    .selectFrom('agg_definition_key')
    .select(['definition_key', 'definition_id'])
    .orderBy('definition_id')
    .execute();
const filledCount = async (key: string) =>
  Number(
    (
      await sql<{
        n: number | string | null;
      }>`SELECT sum(n_offences)::int8 AS n FROM agg_partner_definition WHERE definition_key = ${key}`.execute(
        t.database.db,
      )
    ).rows[0]?.n ?? 0,
  );

async function importRows(name: string, rows: PartnerRow[], extractDate: string): Promise<number> {
  await writeFile(join(dir, name), partnerCsv(rows));
  const r = await importForTest(t.database, join(dir, name), { extractDate });
  if (r.status !== 'imported') throw new Error(`${r.message} ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.batchId!;
}

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
  dir = await mkdtemp(join(tmpdir(), 'safer-definition-counts-'));
  firstBatch = await importRows('june.csv', ROWS, '2023-06-05');
}, 120_000);

afterAll(async () => t?.drop());

describe('partner counts per definition', () => {
  it('are filled at import for every definition partner records can produce, and figures read them', async () => {
    const filled = await keys();
    const key = filled.find((k) => k.definition_id === SVD)!.definition_key;
    expect(key).toMatch(/^serious-violence-duty-tower-hamlets@\d+:[0-9a-f]{16}$/);
    // serious-youth-violence needs a most-serious-violence marker partner records lack: never filled.
    expect(filled.map((k) => k.definition_id)).not.toContain('serious-youth-violence-2021-24');
    expect(await filledCount(key)).toBe(3);
    expect((await svd())[0]!.count).toBe(3);
    expect((await svd({ by: 'ward' })).map((f) => [f.group.ward, f.count])).toEqual([['E05009317', 3]]);
    // The figure is read from this table: scale its rows and the figure follows.
    await sql`UPDATE agg_partner_definition SET n_offences = n_offences * 10`.execute(t.database.db);
    expect((await svd())[0]!.count).toBe(30);
    await sql`UPDATE agg_partner_definition SET n_offences = n_offences / 10`.execute(t.database.db);
  });

  it('give what the record-level aggregates give when no key is filled', async () => {
    await t.database.db.deleteFrom('agg_definition_key').execute();
    expect(await t.database.db.selectFrom('agg_partner_definition').select('slice_id').execute()).toEqual([]); // rows cascade
    expect((await svd())[0]!.count).toBe(3);
    await t.database.db.transaction().execute((trx) => rebuildAllAggregates(trx));
    expect(await filledCount((await keys()).find((k) => k.definition_id === SVD)!.definition_key)).toBe(3);
  });

  it('follow revisions, "as of" and undo: a later extract without c1 gives 2', async () => {
    const second = await importRows('july.csv', ROWS.slice(1), '2023-07-05');
    expect((await svd())[0]!.count).toBe(2);
    expect((await svd({ asOf: '2023-06-30' }))[0]!.count).toBe(3);
    await t.database.db.transaction().execute((trx) => undoImportBatch(trx, second));
    expect((await svd())[0]!.count).toBe(3);
  });

  it('a changed definition gets a new key, filled for every slice; the old key is dropped', async () => {
    const before = (await keys()).find((k) => k.definition_id === SVD)!.definition_key;
    // Domestic abuse only: c3 alone.
    const changed = definitions.map((d) =>
      d.id === SVD ? { ...d, rules: d.rules.filter((r) => r.id === 'domestic-abuse') } : d,
    );
    await t.database.db.transaction().execute((trx) => refreshDefinitionCounts(trx, firstBatch, async () => changed));
    const after = (await keys()).find((k) => k.definition_id === SVD)!.definition_key;
    expect(after).not.toBe(before);
    expect(await filledCount(after)).toBe(1);
    expect((await svd({}, changed))[0]!.count).toBe(1);
    // The unchanged definition's key is no longer filled, so its figure reads the record-level aggregates: still 3.
    expect((await svd())[0]!.count).toBe(3);
  });

  it('definitions that cannot be read forget every key rather than leave counts behind', async () => {
    await t.database.db
      .transaction()
      .execute((trx) => refreshDefinitionCounts(trx, firstBatch, () => Promise.reject(new Error('bad file'))));
    expect(await keys()).toEqual([]);
    expect((await svd())[0]!.count).toBe(3);
  });
});
