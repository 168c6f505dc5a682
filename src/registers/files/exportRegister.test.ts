import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveEntry } from '../entryStore.ts';
import { RegisterRefusedError } from '../registerErrors.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from '../testing/registerTestDb.ts';
import { exportRegister } from './exportRegister.ts';

// SYNTHETIC entries saved through the register's own store, then exported.
const NOW = new Date('2026-03-31T12:00:00Z');
let f: RegisterFixture;
let purchase: string;
let location: string;
beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  const saved = await saveEntry(
    f.db,
    f.ctx,
    f.people.councilAnalyst,
    'test-purchases',
    {
      purchased_on: '2026-03-02',
      retailer: '=HYPERLINK("http://evil.example","SYNTHETIC")',
      premises: 'SYNTHETIC 3 Brick Lane, E1',
      item: 'knife',
      outcome: 'fail',
      follow_up: 'advice',
      ...POINTS.whitechapel,
    },
    { submit: true },
  );
  purchase = saved.reference;
  location = (
    await saveEntry(
      f.db,
      f.ctx,
      f.people.manager,
      'locations-of-concern',
      {
        identified_on: '2026-03-01',
        place: 'SYNTHETIC Hotel',
        place_type: 'hotel',
        concern: 'SYNTHETIC concern',
        site_contact: 'SYNTHETIC Contact Person',
        review_on: '2026-06-01',
        ...POINTS.mileEndPark,
      },
      { submit: true },
    )
  ).reference;
}, 120_000);
afterAll(() => f?.t.drop());

const exportAs = (who: keyof RegisterFixture['people'], registerId: string, format: 'csv' | 'xlsx') =>
  exportRegister(f.db, f.people[who], f.registers.get(registerId)!, format, { now: NOW });

describe('exporting a register', () => {
  it('CSV: the marking first, then the template columns, formula-like text neutralised; audited with the row count', async () => {
    const file = await exportAs('policeAnalyst', 'test-purchases', 'csv');
    expect(file.fileName).toBe('test-purchases-2026-03-31.csv');
    const lines = file.body.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('"OFFICIAL: Test purchases, 1 entry, exported 2026-03-31 by policeAnalyst@synthetic.test"');
    expect(lines[1]).toBe(
      'reference,purchased_on,retailer,premises,item,outcome,follow_up,notes,latitude,longitude,lsoa,ward',
    );
    // The retailer's formula is written as text ('=…), its quotes doubled; the comma in the premises is quoted.
    expect(lines[2]).toBe(
      `${purchase},2026-03-02,"'=HYPERLINK(""http://evil.example"",""SYNTHETIC"")","SYNTHETIC 3 Brick Lane, E1",knife,fail,advice,,51.5195,-0.0597,E01004208,E05009333`,
    );
    expect(lines).toHaveLength(4);
    const audit = await f.db
      .selectFrom('audit_log')
      .select(['actor_email', 'subject_id', 'details'])
      .where('action', '=', 'register.export')
      .execute();
    expect(audit.map((a) => ({ ...a, details: JSON.parse(String(a.details)) }))).toEqual([
      {
        actor_email: 'policeAnalyst@synthetic.test',
        subject_id: 'test-purchases',
        details: { format: 'csv', rows: 1, marking: 'OFFICIAL', via: null },
      },
    ]);
  });

  it('never exports a personal field, even to someone who may read it; OFFICIAL-SENSITIVE marked (XLSX)', async () => {
    expect(
      (await f.registers.get('locations-of-concern')!.fields.find((x) => x.name === 'site_contact'))?.personal,
    ).toBe(true);
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await exportAs('manager', 'locations-of-concern', format);
      const text = format === 'csv' ? file.body.toString('utf8') : JSON.stringify(await sheetRows(file.body));
      expect(text).not.toContain('site_contact');
      expect(text).not.toContain('SYNTHETIC Contact Person');
      expect(text).toContain(location);
    }
    const rows = await sheetRows((await exportAs('manager', 'locations-of-concern', 'xlsx')).body);
    expect(rows[0]?.[0]).toMatch(/^OFFICIAL-SENSITIVE: Locations of concern, 1 entry,/);
    expect(rows[1]).toEqual([
      'reference',
      'identified_on',
      'place',
      'place_type',
      'concern',
      'safeguarding_plan',
      'review_on',
      'latitude',
      'longitude',
      'lsoa',
      'ward',
    ]);
    expect(rows[2]).toEqual([
      location,
      '2026-03-01',
      'SYNTHETIC Hotel',
      'hotel',
      'SYNTHETIC concern',
      null,
      '2026-06-01',
      51.5197,
      -0.033,
      'E01004270',
      'E05009327',
    ]);
  });

  it('refuses a viewer, and a reader outside the readership, writing no audit entry of an export', async () => {
    const before = await f.db.selectFrom('audit_log').select('id').where('action', '=', 'register.export').execute();
    await expect(exportAs('viewer', 'test-purchases', 'csv')).rejects.toBeInstanceOf(RegisterRefusedError);
    await expect(exportAs('policeAnalyst', 'community-tensions', 'csv')).rejects.toBeInstanceOf(RegisterRefusedError);
    const after = await f.db.selectFrom('audit_log').select('id').where('action', '=', 'register.export').execute();
    expect(after).toHaveLength(before.length);
  });
});

async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null));
  });
  return rows;
}
