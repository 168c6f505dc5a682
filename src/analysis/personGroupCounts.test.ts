import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest } from '../../test/importHelpers.ts';
import { countingDb, StatementCounter } from '../http/testing/statementCounter.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import { refreshAggregatesForBatch } from './aggregates/refreshAggregatesForBatch.ts';
import { withDataVersion } from './dataVersion.ts';
import { loadDefinitions } from './loadDefinitions.ts';
import type { Dimension } from './request.ts';
import { runAnalysis } from './runAnalysis.ts';
import { at, partnerCsv, type PartnerRow } from './testing/partnerExtract.ts';

/** A SYNTHETIC extract over two months: victims' sex ties 2–2, so the shares' order shows which rows came first. */
const VAP = { ho_major_category: 'VIOLENCE AGAINST THE PERSON', ho_minor_category: 'VIOLENCE WITH INJURY' };
const suspect = { suspect_id: 's1', suspect_age: '19', suspect_sex: 'male', suspect_ethnicity: 'white' };
const ROWS: PartnerRow[] = [
  { ...at('2023-05-09', '16:30'), ...VAP, ...suspect, record_id: 'r1', crime_ref: 'c1', victim_id: 'v1' },
  { ...at('2023-05-09', '16:30'), ...VAP, ...suspect, record_id: 'r2', crime_ref: 'c1', victim_id: 'v2' },
  { ...at('2023-06-03', '21:00'), ...VAP, record_id: 'r3', crime_ref: 'c2', victim_id: 'v3' },
  { ...at('2023-06-10', '12:00'), ...VAP, record_id: 'r4', crime_ref: 'c3', victim_id: 'v4' },
].map((r, i) => ({
  ...r,
  recorded_date: r.offence_date,
  victim_age: ['17', '30', '45', '22'][i],
  victim_sex: ['male', 'female', 'female', 'male'][i],
  victim_ethnicity: ['black', 'white', 'asian', 'black'][i],
}));
const PERSON: Dimension[] = [
  'victim-age',
  'suspect-age',
  'victim-sex',
  'suspect-sex',
  'victim-ethnicity',
  'suspect-ethnicity',
];

/** A statement grouping by a person column: a person breakdown's counts (coverage and totals name none). */
const PERSON_COLUMN = /"a"\."(victim|suspect)_(band|sex|ethnicity)"/;

let t: TestDb;
let definitions: Definition[];
const counter = new StatementCounter();

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
  const path = join(await mkdtemp(join(tmpdir(), 'safer-person-')), 'extract.csv');
  await writeFile(path, partnerCsv(ROWS));
  const result = await importForTest(t.database, path, { extractDate: '2023-07-05' });
  if (result.status !== 'imported') throw new Error(result.message);
  await t.database.db.transaction().execute((trx) => refreshAggregatesForBatch(trx, result.batchId!));
}, 60_000);
afterAll(async () => t?.drop());

/** The six person breakdowns as the People page asks them (in parallel), and the statements counting people. */
async function sixBreakdowns(inScope: boolean) {
  const db = countingDb(t, counter).database.db;
  const ask = () =>
    Promise.all(
      PERSON.map((by) =>
        runAnalysis(db, definitions, {
          category: 'VIOLENCE AGAINST THE PERSON',
          area: 'Tower Hamlets',
          period: '2023/24',
          by,
        }),
      ),
    );
  const before = counter.executed.length;
  const results = inScope ? await withDataVersion(db, ask) : await ask();
  const reads = counter.executed.slice(before).filter((s) => s !== null && PERSON_COLUMN.test(s)).length;
  return { results, reads };
}

describe('the six person breakdowns read together', () => {
  it('are one statement inside a request (six outside one: two, as age bands and sex or ethnicity live in two aggregates), with the same figures, in the same order', async () => {
    const alone = await sixBreakdowns(false);
    const together = await sixBreakdowns(true);
    expect([alone.reads, together.reads]).toEqual([6, 2]);
    expect(JSON.stringify(together.results)).toBe(JSON.stringify(alone.results));
  });

  it('give the counts worked out by hand: victims by sex 2–2 (May first: female, male), by age band', async () => {
    const { results } = await sixBreakdowns(true);
    const bySex = results[PERSON.indexOf('victim-sex')]!.figures;
    expect(bySex.map((f) => [f.group['victim-sex'], f.count, f.denominator])).toEqual([
      ['female', 2, 4],
      ['male', 2, 4],
    ]);
    const byAge = results[PERSON.indexOf('victim-age')]!.figures;
    expect(Object.fromEntries(byAge.map((f) => [f.group.age, f.count]))).toEqual({
      '0-9': 0,
      '10-14': 0,
      '15-24': 2,
      '25-34': 1,
      '35-44': 0,
      '45-54': 1,
      '55-64': 0,
      '65+': 0,
    });
    const byEthnicity = results[PERSON.indexOf('victim-ethnicity')]!.figures;
    expect(Object.fromEntries(byEthnicity.map((f) => [f.group.ethnicity, f.count]))).toEqual({
      asian: 1,
      black: 2,
      mixed: 0,
      white: 1,
      other: 0,
    });
  });
});
