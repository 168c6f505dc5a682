import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../../test/importHelpers.ts';
import { AE_COLUMNS, POLICE_COLUMNS } from './partnerVocabulary.ts';

const TABLES = ['partner_police_record', 'partner_ae_attendance', 'count_slice', 'import_batch', 'offence_category'];
let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(join(tmpdir(), 'safer-partner-'));
});
afterAll(async () => {
  await t?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, string>;
const policeRow = (over: Row = {}): Row => ({
  record_id: 'R1',
  crime_ref: 'C1',
  data_label: 'SYNTHETIC',
  offence_date: '2024-07-12',
  offence_time: '21:15',
  committed_from: '2024-07-12 21:15',
  committed_to: '',
  recorded_date: '2024-07-13',
  borough_code: 'E09000030',
  ward_code: 'E05009317',
  lsoa_code: '',
  ho_major_category: 'VIOLENCE AGAINST THE PERSON',
  ho_minor_category: 'VIOLENCE WITH INJURY',
  domestic_abuse: 'N',
  knife: 'Y',
  firearm: 'N',
  hate: 'N',
  hate_strand: '',
  sexual: 'N',
  victim_id: 'P1',
  victim_age: '16',
  victim_sex: 'male',
  victim_ethnicity: 'asian',
  suspect_id: 'P2',
  suspect_age: '17',
  suspect_sex: 'male',
  suspect_ethnicity: 'not_stated',
  location_type: 'street',
  outcome: 'charge_summons',
  outcome_date: '2024-07-14',
  ...over,
});
const aeRow = (over: Row = {}): Row => ({
  attendance_id: 'A1',
  data_label: 'SYNTHETIC',
  site_code: 'R1H12',
  arrival_date: '2024-07-12',
  arrival_time: '22:40',
  assault_date: '2024-07-12',
  assault_time: '21:15',
  assault_method: 'knife_sharp',
  assault_method_other: '',
  location_type: 'street',
  location_description: 'Street in Bethnal Green',
  patient_age_band: '15-17',
  patient_sex: 'male',
  ...over,
});

let fileNo = 0;
function writeCsv(columns: readonly string[], rows: Row[]): { path: string; label: string } {
  fileNo += 1;
  const label = `SYNTHETIC-test-${fileNo}.csv`;
  const path = join(dir, label);
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(
    path,
    `${[columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\n')}\n`,
  );
  return { path, label };
}

/** Imports a file that must be rejected, and checks the one problem it reports and that nothing was written. */
async function expectRejected(
  file: { path: string; label: string },
  problem: { line: number | null; column: string; value: string | null; message: RegExp },
) {
  const before = await tableCounts(t.database, TABLES);
  const r = await importForTest(t.database, file.path);
  expect(r.status).toBe('rejected');
  expect(r.errors).toContainEqual({
    line: problem.line,
    column: problem.column,
    value: problem.value,
    message: expect.stringMatching(problem.message),
  });
  expect(r.message).toContain(
    `${file.label}, ${problem.line === null ? '' : `line ${problem.line}, `}column "${problem.column}"`,
  );
  expect(await tableCounts(t.database, TABLES)).toEqual(before);
  return r;
}

describe('partner police extract', () => {
  it('imports a valid extract and stores what each column says', async () => {
    const file = writeCsv(POLICE_COLUMNS, [
      policeRow(),
      policeRow({
        record_id: 'R2',
        crime_ref: 'C2',
        offence_time: '',
        committed_from: '2024-07-20 18:00',
        committed_to: '2024-07-21 07:30',
        offence_date: '2024-07-20',
        recorded_date: '2024-07-21',
        ho_major_category: 'burglary',
        ho_minor_category: 'res burglary of a home',
        knife: 'N',
        suspect_id: '',
        suspect_age: '',
        suspect_sex: '',
        suspect_ethnicity: '',
        victim_age: '',
        hate: 'Y',
        hate_strand: 'race',
        location_type: 'DWELLING',
        outcome: 'under_investigation',
        outcome_date: '',
      }),
    ]);
    const r = await importForTest(t.database, file.path);
    expect(r.status, r.message).toBe('imported');
    expect(r.rows).toBe(2);
    const rows = await t.database.db.selectFrom('partner_police_record').selectAll().orderBy('record_id').execute();
    expect(
      rows.map((x) => [
        x.record_id,
        x.offence_time,
        x.knife,
        x.hate_strand,
        x.victim_age,
        x.suspect_id,
        x.location_type,
        x.outcome_date,
      ]),
    ).toEqual([
      ['R1', '21:15:00', true, null, 16, 'P2', 'street', '2024-07-14'],
      ['R2', null, false, 'race', null, null, 'dwelling', null],
    ]);
    const slices = await t.database.db
      .selectFrom('count_slice')
      .select(['series', 'area_code', 'month', 'row_count'])
      .where('series', '=', 'partner-police')
      .execute();
    expect(slices).toEqual([{ series: 'partner-police', area_code: 'E05009317', month: '2024-07-01', row_count: 2 }]);
  });

  it('refuses a time of 25:00', async () => {
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ offence_time: '25:00' })]), {
      line: 2,
      column: 'offence_time',
      value: '25:00',
      message: /not a time of day \(expected HH:MM/,
    });
  });

  it('refuses a ward code in the wrong format, or of the wrong kind', async () => {
    await expectRejected(
      writeCsv(POLICE_COLUMNS, [policeRow(), policeRow({ record_id: 'R2', ward_code: 'E0500931' })]),
      {
        line: 3,
        column: 'ward_code',
        value: 'E0500931',
        message: /not a GSS code/,
      },
    );
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ ward_code: 'E01004222' })]), {
      line: 2,
      column: 'ward_code',
      value: 'E01004222',
      message: /expected a code starting E05/,
    });
  });

  it('refuses a file without a data_label column, or a row without a label', async () => {
    await expectRejected(
      writeCsv(
        POLICE_COLUMNS.filter((c) => c !== 'data_label'),
        [policeRow()],
      ),
      {
        line: 1,
        column: 'data_label',
        value: null,
        message: /missing required column "data_label"/,
      },
    );
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ data_label: '' })]), {
      line: 2,
      column: 'data_label',
      value: '',
      message: /a value is required: one of SYNTHETIC, OFFICIAL-SENSITIVE/,
    });
  });

  it('refuses a file mixing SYNTHETIC and real rows', async () => {
    await expectRejected(
      writeCsv(POLICE_COLUMNS, [policeRow(), policeRow({ record_id: 'R2', data_label: 'OFFICIAL-SENSITIVE' })]),
      {
        line: 3,
        column: 'data_label',
        value: 'OFFICIAL-SENSITIVE',
        message: /one data label; line 2 says SYNTHETIC/,
      },
    );
  });

  it('refuses values outside the documented lists', async () => {
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ victim_sex: 'M' })]), {
      line: 2,
      column: 'victim_sex',
      value: 'M',
      message: /not an allowed value; expected one of male, female, unknown/,
    });
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ location_type: 'nightclub' })]), {
      line: 2,
      column: 'location_type',
      value: 'nightclub',
      message: /expected one of dwelling, street/,
    });
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ ho_minor_category: 'ASSAULT WITH INJURY' })]), {
      line: 2,
      column: 'ho_minor_category',
      value: 'ASSAULT WITH INJURY',
      message: /not a minor category of VIOLENCE AGAINST THE PERSON/,
    });
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ knife: 'yes' })]), {
      line: 2,
      column: 'knife',
      value: 'yes',
      message: /expected Y or N/,
    });
  });

  it('refuses inconsistent rows: duplicate ids, a hate crime without strand, an outcome without date, a suspect without id', async () => {
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow(), policeRow()]), {
      line: 3,
      column: 'record_id',
      value: 'R1',
      message: /duplicate id: already used on line 2/,
    });
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ hate: 'Y' })]), {
      line: 2,
      column: 'hate_strand',
      value: '',
      message: /needs its strand/,
    });
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ outcome_date: '' })]), {
      line: 2,
      column: 'outcome_date',
      value: '',
      message: /charge_summons needs its date/,
    });
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ suspect_id: '' })]), {
      line: 2,
      column: 'suspect_age',
      value: '17',
      message: /given without a suspect_id/,
    });
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ offence_date: '2024-07-11' })]), {
      line: 2,
      column: 'offence_date',
      value: '2024-07-11',
      message: /outside committed_from/,
    });
    await expectRejected(writeCsv(POLICE_COLUMNS, [policeRow({ recorded_date: '2024-02-30' })]), {
      line: 2,
      column: 'recorded_date',
      value: '2024-02-30',
      message: /not a real date/,
    });
  });
});

describe('A&E ISTV extract', () => {
  it('imports a valid extract into the site × arrival-month slice', async () => {
    const r = await importForTest(
      t.database,
      writeCsv(AE_COLUMNS, [
        aeRow(),
        aeRow({
          attendance_id: 'A2',
          assault_time: '',
          assault_method: 'other',
          assault_method_other: 'glass or bottle',
          location_description: 'Pub, Bow',
        }),
      ]).path,
    );
    expect(r.status, r.message).toBe('imported');
    expect(r.format).toBe('ae-istv-extract');
    const rows = await t.database.db
      .selectFrom('partner_ae_attendance')
      .select([
        'attendance_id',
        'site_code',
        sql<string>`to_char(arrival, 'YYYY-MM-DD HH24:MI')`.as('arrival'),
        'assault_time',
        'assault_method_other',
        'location_description',
      ])
      .orderBy('attendance_id')
      .execute();
    expect(rows).toEqual([
      {
        attendance_id: 'A1',
        site_code: 'R1H12',
        arrival: '2024-07-12 22:40',
        assault_time: '21:15:00',
        assault_method_other: null,
        location_description: 'Street in Bethnal Green',
      },
      {
        attendance_id: 'A2',
        site_code: 'R1H12',
        arrival: '2024-07-12 22:40',
        assault_time: null,
        assault_method_other: 'glass or bottle',
        location_description: 'Pub, Bow',
      },
    ]);
  });

  it('refuses an unknown assault method, a bad arrival time, an assault after arrival and a malformed site code', async () => {
    await expectRejected(writeCsv(AE_COLUMNS, [aeRow({ assault_method: 'fist' })]), {
      line: 2,
      column: 'assault_method',
      value: 'fist',
      message: /expected one of body_part, blunt_object, knife_sharp, firearm, other, unknown/,
    });
    await expectRejected(writeCsv(AE_COLUMNS, [aeRow({ arrival_time: '24:00' })]), {
      line: 2,
      column: 'arrival_time',
      value: '24:00',
      message: /not a time of day/,
    });
    await expectRejected(writeCsv(AE_COLUMNS, [aeRow({ assault_time: '23:10' })]), {
      line: 2,
      column: 'assault_date',
      value: '2024-07-12 23:10',
      message: /after the arrival/,
    });
    await expectRejected(writeCsv(AE_COLUMNS, [aeRow({ site_code: '12-AB' })]), {
      line: 2,
      column: 'site_code',
      value: '12-AB',
      message: /not an ODS site code/,
    });
  });
});
