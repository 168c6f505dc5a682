import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { parseHistoricMonth } from './vawgLayouts.ts';

const TH = 'E09000030';
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

/** Current VAWG total for a table, area, recorded month and sheet, straight from the tables. */
async function vawgTotal(
  table: 'mps_vawg_offence_count' | 'mps_vawg_victim_count',
  q: { area: string; month: string; sheet: string; ageGroup?: string },
): Promise<number> {
  const { rows } = await sql<{ total: number | null }>`
    SELECT sum(v.value)::int8 AS total FROM ${sql.table(table)} v JOIN count_slice s ON s.id = v.slice_id
    WHERE s.superseded_by IS NULL AND s.area_code = ${q.area} AND s.month = ${q.month}::date AND s.scope = ${q.sheet}
      ${q.ageGroup === undefined ? sql`` : sql`AND v.age_group = ${q.ageGroup}`}`.execute(t.database.db);
  return Number(rows[0]?.total ?? 0);
}

describe('MPS violence against women and girls', () => {
  it('imports the offences file, keeping borough, ward, months, sheet and offence groups', async () => {
    const r = await importForTest(t.database, testData('mps/vawg/vawg-offences.csv.gz'));
    expect(r.format).toBe('mps-vawg-offences');
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(411341);
    // python3 over the raw file: sheet "Offence count location", borough_name Tower Hamlets, recorded month summed.
    expect(
      await vawgTotal('mps_vawg_offence_count', { area: TH, month: '2025-01-01', sheet: 'Offence count location' }),
    ).toBe(421);
    expect(
      await vawgTotal('mps_vawg_offence_count', { area: TH, month: '2024-02-01', sheet: 'Offence count location' }),
    ).toBe(486);
    // The classification sheet has no borough: London-wide, counted in the MPS force area (10,386 for Jan 2025, same script).
    expect(
      await vawgTotal('mps_vawg_offence_count', {
        area: 'E23000001',
        month: '2025-01-01',
        sheet: 'Offence count classification',
      }),
    ).toBe(10386);
    // Extract date: the month after the last recorded month (2026-02).
    const batch = await t.database.db
      .selectFrom('import_batch')
      .select('extract_date')
      .where('id', '=', r.batchId!)
      .executeTakeFirstOrThrow();
    expect(batch.extract_date).toBe('2026-03-01');
  });

  it('keeps historic offences committed as far back as 1900', async () => {
    // 99 rows have a committed month in 1900 (python3 over the raw file).
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int8 AS n FROM mps_vawg_offence_count WHERE committed_month < '1901-01-01'`.execute(
      t.database.db,
    );
    expect(Number(rows[0]?.n)).toBe(99);
  });

  it('imports the victims file with age group and ethnicity', async () => {
    const r = await importForTest(t.database, testData('mps/vawg/vawg-victims.csv.gz'));
    expect(r.format).toBe('mps-vawg-victims');
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(410576);
    // python3: Tower Hamlets victims Jan 2025 = 429; London victims aged 10 to 19 in Jan 2025 = 1,515.
    expect(
      await vawgTotal('mps_vawg_victim_count', { area: TH, month: '2025-01-01', sheet: 'Victim count by location' }),
    ).toBe(429);
    expect(
      await vawgTotal('mps_vawg_victim_count', {
        area: 'E23000001',
        month: '2025-01-01',
        sheet: 'Victim count by age group',
        ageGroup: 'Aged 10 to 19 years',
      }),
    ).toBe(1515);
  });
});

describe('MPS VAWG: bad input', () => {
  const HEADER =
    'bcu_location,borough_name,ward_name_clean_2,recorded_date_months,date_committed_from_date_months,count,sheet,crimsec_group,crimseccodeexpansion,crimsec_offences,vawg_offence';
  const good = 'Central East,Tower Hamlets,Bow East,2024-01-01,2023-12-01,3,Offence count location,,,,';
  const dir = mkdtempSync(join(tmpdir(), 'safer-vawg-'));
  const cases = [
    {
      name: 'unknown borough name',
      line: good.replace('Tower Hamlets', 'Gotham'),
      column: 'borough_name',
      value: 'Gotham',
      message: /not a London borough/,
    },
    {
      name: 'negative count',
      line: good.replace(',3,', ',-1,'),
      column: 'count',
      value: '-1',
      message: /cannot be negative/,
    },
    {
      name: 'impossible month',
      line: good.replace('2024-01-01', '2015-13-01'),
      column: 'recorded_date_months',
      value: '2015-13-01',
      message: /impossible month 13/,
    },
    {
      name: 'unknown sheet',
      line: good.replace('Offence count location', 'Offence count by moon'),
      column: 'sheet',
      value: 'Offence count by moon',
      message: /not a sheet Safer knows/,
    },
  ];
  for (const c of cases) {
    it(`rejects a file with ${c.name}, naming file, line, column and value, and writes nothing`, async () => {
      const path = join(dir, `${c.name.replace(/ /g, '-')}.csv`);
      writeFileSync(path, `${HEADER}\n${good}\n${c.line}\n`);
      const tables = ['import_batch', 'count_slice', 'mps_vawg_offence_count'];
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

describe('parseHistoricMonth', () => {
  it.each([
    ['1900-01-01', '1900-01-01'],
    ['2014-07-01', '2014-07-01'],
    ['2014-07', '2014-07-01'],
  ])('accepts %s', (text, month) => expect(parseHistoricMonth('c', text)).toEqual({ ok: true, value: month }));
  it.each([['1899-12-01'], ['2014-13-01'], ['2014-02-30'], ['July 2014']])('refuses %s', (text) =>
    expect(parseHistoricMonth('c', text).ok).toBe(false),
  );
});
