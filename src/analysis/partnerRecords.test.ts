import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest } from '../../test/importHelpers.ts';
import { undoImportBatch } from '../ingest/undoBatch.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import { loadDefinitions } from './loadDefinitions.ts';
import { runAnalysis } from './runAnalysis.ts';
import { refreshAggregatesForBatch } from './aggregates/refreshAggregatesForBatch.ts';
import { at, partnerCsv, type PartnerRow as Row } from './testing/partnerExtract.ts';

/**
 * A hand-made SYNTHETIC partner extract (May 2023, one Tower Hamlets ward), small
 * enough that every expected figure below is counted by hand from these rows.
 */
const VAP = 'VIOLENCE AGAINST THE PERSON';
const ROWS: Row[] = [
  // c1: knife VWI on Tue 9 May 16:30 (term weekday); two victims (17 and 30), suspect s1 aged 19; charged.
  {
    ...at('2023-05-09', '16:30'),
    record_id: 'r1',
    crime_ref: 'c1',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITH INJURY',
    knife: 'Y',
    victim_id: 'v1',
    victim_age: '17',
    victim_sex: 'male',
    victim_ethnicity: 'black',
    suspect_id: 's1',
    suspect_age: '19',
    suspect_sex: 'male',
    suspect_ethnicity: 'white',
    outcome: 'charge_summons',
    outcome_date: '2023-05-20',
  },
  {
    ...at('2023-05-09', '16:30'),
    record_id: 'r2',
    crime_ref: 'c1',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITH INJURY',
    knife: 'Y',
    victim_id: 'v2',
    victim_age: '30',
    victim_sex: 'female',
    victim_ethnicity: 'white',
    suspect_id: 's1',
    suspect_age: '19',
    suspect_sex: 'male',
    suspect_ethnicity: 'white',
    outcome: 'charge_summons',
    outcome_date: '2023-05-20',
  },
  // c2: robbery of v1 on Sat 13 May 02:00; suspect aged 40.
  {
    ...at('2023-05-13', '02:00'),
    record_id: 'r3',
    crime_ref: 'c2',
    ho_major_category: 'ROBBERY',
    ho_minor_category: 'ROBBERY OF PERSONAL PROPERTY',
    victim_id: 'v1',
    victim_age: '17',
    victim_sex: 'male',
    victim_ethnicity: 'black',
    suspect_id: 's2',
    suspect_age: '40',
    suspect_sex: 'male',
    suspect_ethnicity: 'asian',
  },
  // c3: domestic abuse VWOI on Tue 30 May 16:00 (May half-term), victim 45, suspect is v2; cautioned.
  {
    ...at('2023-05-30', '16:00'),
    record_id: 'r4',
    crime_ref: 'c3',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITHOUT INJURY',
    domestic_abuse: 'Y',
    location_type: 'dwelling',
    victim_id: 'v3',
    victim_age: '45',
    victim_sex: 'female',
    victim_ethnicity: 'asian',
    suspect_id: 'v2',
    suspect_age: '30',
    suspect_sex: 'female',
    suspect_ethnicity: 'white',
    outcome: 'caution',
    outcome_date: '2023-05-31',
  },
  // c4: VWOI against v1 again (repeat victim), time unknown, no suspect.
  {
    ...at('2023-05-20', ''),
    record_id: 'r5',
    crime_ref: 'c4',
    ho_major_category: VAP,
    ho_minor_category: 'VIOLENCE WITHOUT INJURY',
    victim_id: 'v1',
    victim_age: '17',
    victim_sex: 'male',
    victim_ethnicity: 'black',
  },
];

let t: TestDb;
let definitions: Definition[];
let dir: string;
let secondBatch: number;

async function importRows(name: string, rows: Row[], extractDate: string): Promise<number> {
  const path = join(dir, name);
  await writeFile(path, partnerCsv(rows));
  const result = await importForTest(t.database, path, { extractDate });
  if (result.status !== 'imported') throw new Error(`${result.message} ${JSON.stringify(result.errors.slice(0, 3))}`);
  await t.database.db.transaction().execute((trx) => refreshAggregatesForBatch(trx, result.batchId!));
  return result.batchId!;
}

const ask = (q: Record<string, unknown>) =>
  runAnalysis(t.database.db, definitions, { area: 'Tower Hamlets', period: 'May 2023', ...q });

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
  dir = await mkdtemp(join(tmpdir(), 'safer-partner-'));
  await importRows('extract-june.csv', ROWS, '2023-06-05');
}, 60_000);

afterAll(async () => t?.drop());

describe('partner records through the aggregates', () => {
  it('counts the Serious Violence Duty definition once per offence: c1, c2 (under 25) and c3 (domestic abuse), c4 (under 25) = 4', async () => {
    const r = await ask({ definition: 'serious-violence-duty-tower-hamlets' });
    expect(r.figures[0]!.count).toBe(4);
    expect(r.figures[0]!.source).toBe('partner police extract');
    expect(r.vintage.synthetic).toBe(true);
    expect(r.warnings.join(' ')).toMatch(/SYNTHETIC/);
  });

  it('a definition needing a field partner records lack says so', async () => {
    await expect(ask({ definition: 'serious-youth-violence-2021-24', source: 'partner-police' })).rejects.toThrow(
      /partner police extract records carry no most serious violence marker/,
    );
  });

  it('victim sex counts victims: VAP male 2 (r1, r5), female 2 (r2, r4)', async () => {
    const r = await ask({ category: VAP, by: 'victim-sex' });
    expect(Object.fromEntries(r.figures.map((f) => [f.group['victim-sex'], f.count]))).toEqual({ male: 2, female: 2 });
  });

  it('after-school window: 1 of 4 offences on a term weekday, 1 of 4 in half-term', async () => {
    const r = await ask({ definition: 'serious-violence-duty-tower-hamlets', by: 'after-school' });
    expect(r.figures.map((f) => [f.count, f.denominator])).toEqual([
      [1, 4],
      [1, 4],
    ]);
    expect(r.warnings.join(' ')).toMatch(/1 records have no time of day/);
  });

  it('repeat victimisation, overlap and sanction detections for VAP', async () => {
    expect((await ask({ category: VAP, by: 'repeat-victimisation' })).figures[0]).toMatchObject({
      count: 1,
      denominator: 3,
    });
    const overlap = await ask({ category: VAP, by: 'victim-suspect-overlap' });
    expect(overlap.figures.map((f) => [f.count, f.denominator])).toEqual([
      [1, 3],
      [1, 2],
    ]);
    const sdr = (await ask({ category: VAP, by: 'outcome' })).figures[0]!;
    expect(sdr).toMatchObject({ count: 2, denominator: 3 });
  });

  it('a later extract revises the month; as-of and undo give the earlier figure back', async () => {
    secondBatch = await importRows('extract-july.csv', ROWS.slice(0, 4), '2023-07-05');
    expect((await ask({ category: VAP })).figures[0]!.count).toBe(2);
    expect((await ask({ category: VAP, asOf: '2023-06-30' })).figures[0]!.count).toBe(3);
    await t.database.db.transaction().execute((trx) => undoImportBatch(trx, secondBatch));
    expect((await ask({ category: VAP })).figures[0]!.count).toBe(3);
  });

  it('refreshing a batch twice does not double its aggregates', async () => {
    const before = (await ask({ category: VAP })).figures[0]!.count;
    const batch = await t.database.db
      .selectFrom('import_batch')
      .select('id')
      .where('status', '=', 'imported')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.database.db.transaction().execute((trx) => refreshAggregatesForBatch(trx, batch.id));
    expect((await ask({ category: VAP })).figures[0]!.count).toBe(before);
  });
});
