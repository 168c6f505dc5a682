import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { financialYearOf } from './knifeCrimeDashboardLayout.ts';

const FILE = testData('mps/knife-crime-dashboard/monthly-crime-dashboard.csv.gz');
const TH = 'E09000030';
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

/** Current dashboard counts for an area, subtype and measure, by financial year, read straight from the tables. */
async function byFinancialYear(areaCode: string, subtype: string, measure: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ month: string; total: number }>`
    SELECT s.month::text AS month, sum(c.value)::int8 AS total
    FROM crime_count c JOIN count_slice s ON s.id = c.slice_id JOIN offence_category oc ON oc.id = c.category_id
    WHERE s.series = 'mps-dashboard' AND s.superseded_by IS NULL AND s.area_code = ${areaCode}
      AND oc.classification = 'mps_dashboard' AND oc.minor = ${subtype} AND c.measure = ${measure}
    GROUP BY s.month`.execute(t.database.db);
  const out: Record<string, number> = {};
  for (const r of rows) out[financialYearOf(r.month)] = (out[financialYearOf(r.month)] ?? 0) + Number(r.total);
  return out;
}

describe('MPS knife crime dashboard', () => {
  it('imports the real file with refresh_date as the extract date', async () => {
    const r = await importForTest(t.database, FILE);
    expect(r.format).toBe('mps-knife-crime-dashboard');
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(59431); // data lines in the file (zcat | wc -l, minus the header)
    const batch = await t.database.db
      .selectFrom('import_batch')
      .select(['extract_date', 'series'])
      .where('id', '=', r.batchId!)
      .executeTakeFirstOrThrow();
    expect(batch).toEqual({ extract_date: '2026-03-18', series: 'mps-dashboard' });
  });

  it('gives Tower Hamlets knife crime with injury and knife injury victims aged 1–24 by financial year', async () => {
    // python3 over the raw file: rows with area_type Borough, area_code E09000030,
    // measure Offences, summed by financial_year (fy21-22 holds only March 2022; fy25-26 runs to Feb 2026).
    expect(await byFinancialYear(TH, 'Knife Crime with Injury', 'offences')).toEqual({
      'fy21-22': 8,
      'fy22-23': 166,
      'fy23-24': 155,
      'fy24-25': 165,
      'fy25-26': 118,
    });
    expect(await byFinancialYear(TH, 'Knife Injury Victims (1-24)', 'offences')).toEqual({
      'fy21-22': 4,
      'fy22-23': 73,
      'fy23-24': 51,
      'fy24-25': 72,
      'fy25-26': 36,
    });
    // Positive outcomes are a separate measure: 59 knife crime positive outcomes in FY2024/25 (same script).
    expect((await byFinancialYear(TH, 'Knife Crime', 'positive_outcomes'))['fy24-25']).toBe(59);
  });

  it('makes each safer neighbourhood team an area of type snt under its borough', async () => {
    const teams = await t.database.db
      .selectFrom('area')
      .select(['code', 'name'])
      .where('type', '=', 'snt')
      .where('parent_code', '=', TH)
      .execute();
    // 20 distinct SNT area codes under "Tower Hamlets …" in borough_snt (python3 over the raw file).
    expect(teams).toHaveLength(20);
    expect(teams.map((a) => a.code)).toContain('SNT:E09000030:E05009336');
    // The one Whitechapel row filed under Hackney stays a Hackney team, not added to Tower Hamlets.
    const hackneyWhitechapel = await t.database.db
      .selectFrom('area')
      .select('parent_code')
      .where('code', '=', 'SNT:E09000012:E05009336')
      .executeTakeFirst();
    expect(hackneyWhitechapel?.parent_code).toBe('E09000012');
  });

  it('keeps the "Other / NK" borough rows as not known, never dropped', async () => {
    // Borough rows of "Other / NK" named "N/K (Legacy Only)" or blank, Knife Crime Offences, all months: 1,237 (python3).
    const all = await byFinancialYear('MPS-UNKNOWN', 'Knife Crime', 'offences');
    expect(Object.values(all).reduce((a, b) => a + b, 0)).toBe(1237);
  });

  it('says a second import changed nothing', async () => {
    const r = await importForTest(t.database, FILE);
    expect(r.status).toBe('unchanged');
  });
});

describe('MPS knife crime dashboard: bad input', () => {
  const HEADER =
    'month_year,area_type,borough_snt,area_name,area_code,crime_type,crime_subtype,measure,financial_year,fy_fyindex,count,refresh_date,sheet';
  const good =
    '2024-05-01,Borough,Tower Hamlets,Tower Hamlets,E09000030,Knife Crime,Knife Crime,Offences,fy24-25,24-25_02,40,2026-03-18,S';
  const dir = mkdtempSync(join(tmpdir(), 'safer-dashboard-'));
  const cases: { name: string; line: string; column: string; value: string; message: RegExp }[] = [
    {
      name: 'unknown borough name',
      line: '2024-05-01,Safer Neighbourhood Teams,Narnia Lantern Waste,Lantern Waste,E05009336,Knife Crime,Knife Crime,Offences,fy24-25,x,1,2026-03-18,S',
      column: 'borough_snt',
      value: 'Narnia Lantern Waste',
      message: /does not start with a London borough/,
    },
    {
      name: 'negative count',
      line: good.replace(',40,', ',-3,'),
      column: 'count',
      value: '-3',
      message: /cannot be negative/,
    },
    {
      name: 'impossible month',
      line: good.replace('2024-05-01', '2015-13-01'),
      column: 'month_year',
      value: '2015-13-01',
      message: /impossible month 13/,
    },
  ];
  for (const c of cases) {
    it(`rejects a file with ${c.name}, naming file, line, column and value, and writes nothing`, async () => {
      const path = join(dir, `${c.name.replace(/ /g, '-')}.csv`);
      writeFileSync(path, `${HEADER}\n${good}\n${c.line}\n`);
      const tables = ['import_batch', 'count_slice', 'crime_count', 'area', 'offence_category'];
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
      expect(r.message).toContain(`${c.name.replace(/ /g, '-')}.csv, line 3, column "${c.column}"`);
      expect(await tableCounts(t.database, tables)).toEqual(before);
    });
  }
});

describe('financialYearOf', () => {
  it.each([
    ['2022-03-01', 'fy21-22'],
    ['2022-04-01', 'fy22-23'],
    ['2025-12-01', 'fy25-26'],
    ['2000-01-01', 'fy99-00'],
  ])('%s is in %s', (month, fy) => expect(financialYearOf(month)).toBe(fy));
});
