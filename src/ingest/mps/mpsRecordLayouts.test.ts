import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { parseShortMonth } from './homicideLayout.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

async function scalar(query: ReturnType<typeof sql<{ n: number | null }>>): Promise<number> {
  const { rows } = await query.execute(t.database.db);
  return Number(rows[0]?.n ?? 0);
}

describe('MPS homicide', () => {
  it('imports one row per person proceeded against, boroughs by name', async () => {
    const r = await importForTest(t.database, testData('mps/homicide/homicide.csv'));
    expect(r.format).toBe('mps-homicide');
    expect(r.status).toBe('imported');
    // python3 over the raw file: 4,512 rows; 161 Tower Hamlets; 220 in 2003 ("…-03"); 125 "Barking & Dagenham"; 3 "Heathrow".
    expect(r.rows).toBe(4512);
    const persons = (where: ReturnType<typeof sql>) =>
      scalar(
        sql<{
          n: number;
        }>`SELECT sum(h.persons)::int8 AS n FROM mps_homicide_accused h JOIN count_slice s ON s.id = h.slice_id WHERE s.superseded_by IS NULL AND ${where}`,
      );
    expect(await persons(sql`true`)).toBe(4512);
    expect(await persons(sql`s.area_code = 'E09000030'`)).toBe(161);
    expect(await persons(sql`s.month BETWEEN '2003-01-01' AND '2003-12-01'`)).toBe(220);
    expect(await persons(sql`s.area_code = 'E09000002'`)).toBe(125);
    expect(await persons(sql`s.area_code = 'MPS-SO18'`)).toBe(3);
    // Extract date: the month after the last proceedings month (Mar-24).
    const batch = await t.database.db
      .selectFrom('import_batch')
      .select('extract_date')
      .where('id', '=', r.batchId!)
      .executeTakeFirstOrThrow();
    expect(batch.extract_date).toBe('2024-04-01');
  });
});

describe('MPS custody disposals', () => {
  it('imports London-wide disposal counts by month', async () => {
    const r = await importForTest(t.database, testData('mps/custody/custody.csv.gz'));
    expect(r.format).toBe('mps-custody');
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(32870);
    // python3: sum of offence_count 1,091,273 overall and 19,469 for January 2025.
    const total = (where: ReturnType<typeof sql>) =>
      scalar(
        sql<{
          n: number;
        }>`SELECT sum(d.value)::int8 AS n FROM mps_custody_disposal d JOIN count_slice s ON s.id = d.slice_id WHERE s.superseded_by IS NULL AND s.area_code = 'E23000001' AND ${where}`,
      );
    expect(await total(sql`true`)).toBe(1091273);
    expect(await total(sql`s.month = '2025-01-01'`)).toBe(19469);
  });
});

describe('MPS more thorough searches', () => {
  it('keeps the three stacked publications apart and counts only the latest for each month', async () => {
    const r = await importForTest(t.database, testData('mps/searches/thorough-searches.csv.gz'));
    expect(r.format).toBe('mps-thorough-searches');
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(44110);
    const { rows } = await sql<{ scope: string; n: number; extract_date: string }>`
      SELECT s.scope, count(*)::int8 AS n, max(s.extract_date)::text AS extract_date FROM mps_thorough_search t JOIN count_slice s ON s.id = t.slice_id
      GROUP BY s.scope ORDER BY s.scope`.execute(t.database.db);
    // python3: rows by which outcome column is filled, and the month after each publication's last stop month.
    expect(rows.map((x) => ({ ...x, n: Number(x.n) }))).toEqual([
      { scope: 'positive_outcome_of_stop', n: 15175, extract_date: '2026-03-01' },
      { scope: 'positve_outcome', n: 13582, extract_date: '2022-09-01' },
      { scope: 'postive_outcome_of_stop', n: 15353, extract_date: '2024-02-01' },
    ]);
    const current = (where: ReturnType<typeof sql>) =>
      scalar(sql<{ n: number }>`SELECT count(*)::int8 AS n FROM mps_thorough_search_current WHERE ${where}`);
    // May 2022 is in all three publications (202, 208, 207 rows): the newest one counts.
    expect(await current(sql`month = '2022-05-01'`)).toBe(202);
    // Each month once, from its newest publication: 27,887 searches in all (python3).
    expect(await current(sql`true`)).toBe(27887);
    // 91 positive outcomes in January 2023 (newest publication's positive_outcome_of_stop = Yes).
    expect(await current(sql`month = '2023-01-01' AND positive_outcome`)).toBe(91);
    // 304 rows with a blank borough are kept as not known.
    expect(
      await scalar(
        sql<{
          n: number;
        }>`SELECT count(*)::int8 AS n FROM mps_thorough_search t JOIN count_slice s ON s.id = t.slice_id WHERE s.area_code = 'MPS-UNKNOWN'`,
      ),
    ).toBe(304);
  });
});

describe('MPS homicide, custody and searches: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safer-mps-records-'));
  const HOMICIDE =
    'count_of_ppa,borough,gender,age_group,self_classified_ethnicity,offence_type,charged_summonsed,proceedings_date';
  const homicideRow = '1,Tower Hamlets,Male,20 to 24,White,Murder,Charge or Summons,Jan-05';
  const CUSTODY =
    'current_disposal_year,current_disposal_month,current_disposal_month_name,gender,age_group,ethnicity_4+1,offence_group,current_disposal,offence_count,sheet';
  const custodyRow = '2021,1,January,Female,Adult,Asian,Assault,No Further Action,56,Disposals';
  const SEARCHES =
    'col_0,stop_date,area,borough,age_group,appropriate_adult_present,sex,ethnic_appearance,stop_reason,positive_outcome_of_stop,outcome_reason,sheet,approporiate_adult_present_if_required?,postive_outcome_of_stop,positve_outcome';
  const searchRow =
    ',2021-08-14 00:00:00.000000,North East,Waltham Forest,18 or older,,M,Other,B Drugs,,B Drugs,Sheet1,,,Yes';
  const cases = [
    {
      name: 'homicide unknown borough',
      header: HOMICIDE,
      good: homicideRow,
      bad: homicideRow.replace('Tower Hamlets', 'Ambridge'),
      column: 'borough',
      value: 'Ambridge',
      message: /not a London borough/,
    },
    {
      name: 'homicide impossible month',
      header: HOMICIDE,
      good: homicideRow,
      bad: homicideRow.replace('Jan-05', 'Smarch-05'),
      column: 'proceedings_date',
      value: 'Smarch-05',
      message: /not a month written like Jan-03/,
    },
    {
      name: 'homicide negative count',
      header: HOMICIDE,
      good: homicideRow,
      bad: homicideRow.replace(/^1,/, '-1,'),
      column: 'count_of_ppa',
      value: '-1',
      message: /cannot be negative/,
    },
    {
      name: 'custody negative count',
      header: CUSTODY,
      good: custodyRow,
      bad: custodyRow.replace(',56,', ',-56,'),
      column: 'offence_count',
      value: '-56',
      message: /cannot be negative/,
    },
    {
      name: 'custody impossible month',
      header: CUSTODY,
      good: custodyRow,
      bad: custodyRow.replace('2021,1,', '2021,13,'),
      column: 'current_disposal_month',
      value: '2021/13',
      message: /impossible month 13/,
    },
    {
      name: 'searches unknown borough',
      header: SEARCHES,
      good: searchRow,
      bad: searchRow.replace('Waltham Forest', 'Walford'),
      column: 'borough',
      value: 'Walford',
      message: /not a London borough/,
    },
    {
      name: 'searches impossible date',
      header: SEARCHES,
      good: searchRow,
      bad: searchRow.replace('2021-08-14', '2021-13-14'),
      column: 'stop_date',
      value: '2021-13-14 00:00:00.000000',
      message: /not a date/,
    },
    {
      name: 'searches two outcome columns',
      header: SEARCHES,
      good: searchRow,
      bad: searchRow.replace(',,,Yes', ',,Yes,Yes'),
      column: 'positve_outcome',
      value: 'Yes / Yes',
      message: /exactly one outcome column/,
    },
  ];
  for (const c of cases) {
    it(`rejects ${c.name}, naming file, line, column and value, and writes nothing`, async () => {
      const path = join(dir, `${c.name.replace(/ /g, '-')}.csv`);
      writeFileSync(path, `${c.header}\n${c.good}\n${c.bad}\n`);
      const tables = [
        'import_batch',
        'count_slice',
        'mps_homicide_accused',
        'mps_custody_disposal',
        'mps_thorough_search',
      ];
      const before = await tableCounts(t.database, tables);
      const r = await importForTest(t.database, path);
      expect(r.status).toBe('rejected');
      expect(r.errors).toEqual([
        expect.objectContaining({
          line: 3,
          column: c.column,
          value: c.value,
          message: expect.stringMatching(c.message),
        }),
      ]);
      expect(r.message).toContain(`line 3, column "${c.column}"`);
      expect(await tableCounts(t.database, tables)).toEqual(before);
    });
  }
});

describe('parseShortMonth', () => {
  it.each([
    ['Jan-03', '2003-01-01'],
    ['dec-24', '2024-12-01'],
    ['Sep-10', '2010-09-01'],
  ])('%s → %s', (text, month) => expect(parseShortMonth('c', text)).toEqual({ ok: true, value: month }));
  it.each([['Jan-2003'], ['Smarch-03'], ['13-03'], ['']])('refuses %s', (text) =>
    expect(parseShortMonth('c', text).ok).toBe(false),
  );
});
