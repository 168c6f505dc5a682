import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { saveEntry } from '../entryStore.ts';
import { setNamedReader } from '../readers.ts';
import { RegisterRefusedError } from '../registerErrors.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from '../testing/registerTestDb.ts';
import { formatImportProblem } from './importProblems.ts';
import { importRegisterFile } from './importRegisterFile.ts';
import { type Row, sampleRows, writeCsvFile, writeXlsxFile } from './testing/sampleFiles.ts';

// SYNTHETIC entries on real Tower Hamlets outlines; "today" is fixed so that 2026-04-01 is in the future.
const NOW = new Date('2026-03-31T12:00:00Z');
let f: RegisterFixture;
let dir: string;
beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  dir = await mkdtemp(join(tmpdir(), 'safer-register-import-'));
  // Community tensions are read (and referenced) only by the people a partnership manager names.
  const tensions = f.registers.get('community-tensions')!;
  await setNamedReader(f.db, f.people.manager, tensions, f.people.policeAnalyst.id, true);
}, 120_000);
afterAll(async () => {
  await f?.t.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const importAs = (registerId: string, path: string, who = f.people.policeAnalyst) =>
  importRegisterFile(f.t.database, f.ctx, who, registerId, path);

const countOf = async (table: 'register_entry' | 'register_import') =>
  Number(
    (
      await f.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function importedRows(importId: number) {
  return f.db.selectFrom('register_entry').selectAll().where('import_id', '=', importId).orderBy('id').execute();
}

async function importBoth(registerId: string, refs: { bin?: string; tension?: string } = {}) {
  const csv = await writeCsvFile(dir, `${registerId}.csv`, sampleRows(registerId, 'a', refs));
  const xlsx = await writeXlsxFile(dir, `${registerId}.xlsx`, sampleRows(registerId, 'b', refs));
  const fromCsv = await importAs(registerId, csv);
  const fromXlsx = await importAs(registerId, xlsx);
  for (const r of [fromCsv, fromXlsx]) {
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ status: 'imported', rows: 2 });
  }
  expect([fromCsv.format, fromXlsx.format]).toEqual(['csv', 'xlsx']);
  const csvRows = await importedRows(fromCsv.importId!);
  const xlsxRows = await importedRows(fromXlsx.importId!);
  // Counted back from the tables: two entries per file, each with its 'imported' version, one import row each.
  for (const [r, rows] of [
    [fromCsv, csvRows],
    [fromXlsx, xlsxRows],
  ] as const) {
    expect(rows).toHaveLength(2);
    const versions = await f.db
      .selectFrom('register_entry_version')
      .select(['change', 'status', 'version'])
      .where(
        'entry_id',
        'in',
        rows.map((e) => e.id),
      )
      .execute();
    expect(versions).toEqual([
      { change: 'imported', status: 'submitted', version: 1 },
      { change: 'imported', status: 'submitted', version: 1 },
    ]);
    const imp = await f.db
      .selectFrom('register_import')
      .selectAll()
      .where('id', '=', r.importId!)
      .executeTakeFirstOrThrow();
    expect(imp).toMatchObject({ register_id: registerId, row_count: 2, imported_by: 'policeAnalyst@synthetic.test' });
    const audit = await f.db
      .selectFrom('audit_log')
      .select(['action', 'subject_type'])
      .where('subject_id', '=', String(r.importId))
      .where('action', '=', 'register.import')
      .execute();
    expect(audit).toEqual([{ action: 'register.import', subject_type: 'register_import' }]);
    for (const e of rows) {
      expect(e.status).toBe('submitted');
      expect(e.register_id).toBe(registerId);
      expect(e.reference).toBe(`${f.registers.get(registerId)!.referencePrefix}-2026-${String(e.id).padStart(4, '0')}`);
    }
  }
  return { csvRows, xlsxRows };
}

// Worked out apart from Safer with d3-geo on the published outlines (registerTestDb.ts): Whitechapel station lies in
// LSOA E01004208 and ward E05009333; Mile End park in LSOA E01004270 and ward E05009327.
describe('importing each register from CSV and XLSX', () => {
  it('weapon sweeps: points placed in their LSOA and ward, a ward alone kept as a ward, counts per term', async () => {
    const { csvRows, xlsxRows } = await importBoth('weapon-sweeps');
    expect(csvRows[0]).toMatchObject({ lsoa_code: 'E01004208', ward_code: 'E05009333', occurred_on: '2026-02-03' });
    expect(csvRows[0]!.data).toEqual({
      swept_on: '2026-02-03',
      location: 'SYNTHETIC Whitechapel Waste a',
      team: 'SNT',
      items: { knife: 2, 'bladed article': 0, firearm: 0, other: 1 },
    });
    expect(csvRows[1]).toMatchObject({ lsoa_code: null, ward_code: 'E05009327', lon: null });
    // The XLSX's typed cells (dates, numbers) read as the CSV's text does.
    expect(xlsxRows[0]).toMatchObject({
      occurred_on: '2026-03-03',
      lat: 51.5195,
      lon: -0.0597,
      lsoa_code: 'E01004208',
    });
    expect((xlsxRows[0]!.data as { items: unknown }).items).toEqual({
      knife: 2,
      'bladed article': 0,
      firearm: 0,
      other: 1,
    });
  });

  it('knife bins, then their emptyings, which take the place of the bin they name', async () => {
    const { csvRows } = await importBoth('knife-bins');
    const bin = csvRows[0]!.reference!;
    const emptyings = await importBoth('knife-bin-emptyings', { bin });
    for (const e of [...emptyings.csvRows, ...emptyings.xlsxRows])
      expect(e).toMatchObject({ lsoa_code: 'E01004208', ward_code: 'E05009333', lat: 51.5195 });
    expect(emptyings.csvRows[0]!.data).toEqual({
      bin: [bin],
      emptied_on: '2026-02-10',
      items: { knife: 3, 'bladed article': 1, firearm: 0, other: 0 },
    });
  });

  it('test purchases', async () => {
    const { csvRows } = await importBoth('test-purchases');
    expect(csvRows[1]!.data).toMatchObject({ item: 'razor blades', outcome: 'pass' });
    expect(csvRows[1]).toMatchObject({ lsoa_code: 'E01004270', ward_code: 'E05009327' });
  });

  it('community tensions (a named reader), then serious incidents linked to them', async () => {
    const { csvRows } = await importBoth('community-tensions');
    expect(csvRows[0]).toMatchObject({ lsoa_code: 'E01004208', lon: null });
    expect(csvRows[0]!.data).toMatchObject({ sources: ['police', 'schools'], level: 'medium' });
    const tension = csvRows[0]!.reference!;
    const incidents = await importBoth('serious-incidents', { tension });
    expect(incidents.csvRows[0]!.data).toMatchObject({ occurred_at: '2026-02-08T21:40', linked_tensions: [tension] });
    expect(incidents.xlsxRows[0]!.data).toMatchObject({ occurred_at: '2026-03-08T21:40', victims: 1 });
    expect(incidents.csvRows[1]).toMatchObject({ lsoa_code: 'E01004270', occurred_on: '2026-02-09' });
  });

  it('locations of concern keep a personal field apart from the data', async () => {
    const { csvRows } = await importBoth('locations-of-concern');
    expect(csvRows[0]!.personal).toEqual({ site_contact: 'SYNTHETIC Manager' });
    expect(csvRows[0]!.data).not.toHaveProperty('site_contact');
    expect(csvRows[1]!.personal).toBeNull();
    const version = await f.db
      .selectFrom('register_entry_version')
      .select('personal_fields_changed')
      .where('entry_id', '=', csvRows[0]!.id)
      .executeTakeFirstOrThrow();
    expect(version.personal_fields_changed).toEqual(['site_contact']);
  });

  it('services with the wards they cover', async () => {
    const { csvRows } = await importBoth('provision-services');
    expect(csvRows[0]!.data).toMatchObject({ wards: ['E05009327', 'E05009333'], whole_borough: false, capacity: 40 });
    expect(csvRows[1]!.data).toMatchObject({ whole_borough: true, needs: ['exploitation'] });
  });
});

describe('a file with problems is rejected whole, naming line and column', () => {
  const good = (over: Row = {}): Row => ({
    purchased_on: '2026-03-20',
    retailer: 'SYNTHETIC Tools',
    premises: 'SYNTHETIC 9 Market Row',
    item: 'knife',
    outcome: 'pass',
    follow_up: 'none',
    notes: '',
    ...POINTS.whitechapel,
    ...over,
  });

  it('unknown term, future date, point outside the borough, duplicate of a stored entry and within the file', async () => {
    const before = [await countOf('register_entry'), await countOf('register_import')];
    const path = await writeCsvFile(dir, 'bad-purchases.csv', [
      good({ premises: 'SYNTHETIC 10 Market Row', notes: 'SYNTHETIC\nnote over two lines' }), // lines 2-3
      good({ premises: 'SYNTHETIC 11 Market Row', item: 'sword' }), // line 4
      good({ premises: 'SYNTHETIC 12 Market Row', purchased_on: '2026-04-01' }), // line 5: after today
      good({ premises: 'SYNTHETIC 13 Market Row', ...POINTS.hydePark }), // line 6
      good({ purchased_on: '2026-02-05', premises: 'synthetic 1 high street a ' }), // line 7: stored by the CSV above
      good({ premises: 'SYNTHETIC 14 Market Row' }), // line 8
      good({ premises: 'SYNTHETIC 14 Market Row' }), // line 9: the same as line 8
    ]);
    const r = await importAs('test-purchases', path);
    expect(r.status).toBe('rejected');
    const purchase = await f.db
      .selectFrom('register_entry')
      .select('reference')
      .where('register_id', '=', 'test-purchases')
      .where('duplicate_key', 'like', '%synthetic 1 high street a%')
      .executeTakeFirstOrThrow();
    expect(r.problems.map((p) => formatImportProblem('bad-purchases.csv', p))).toEqual([
      'bad-purchases.csv:4: item: Item: "sword" is not one of: knife, bladed article, razor blades, other',
      'bad-purchases.csv:5: purchased_on: Date of the test purchase: the date must be today or in the past',
      'bad-purchases.csv:6: latitude: the point 51.5073, -0.1657 is outside the borough E09000030',
      `bad-purchases.csv:7: purchased_on: this test purchase is already recorded as ${purchase.reference}`,
      'bad-purchases.csv:9: purchased_on: the same test purchase as line 8',
    ]);
    expect(r.totalProblems).toBe(5);
    expect([await countOf('register_entry'), await countOf('register_import')]).toEqual(before);
  });

  it('lists the first 50 problems, in line order, and counts them all', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => good({ premises: `SYNTHETIC ${i} Long Row`, outcome: 'maybe' }));
    const r = await importAs('test-purchases', await writeCsvFile(dir, 'many.csv', rows));
    expect(r.totalProblems).toBe(60);
    expect(r.problems).toHaveLength(50);
    expect(r.problems.map((p) => p.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(r.problems[0]).toEqual({
      line: 2,
      column: 'outcome',
      message: 'Outcome: "maybe" is not one of: pass, fail',
    });
  });

  it('names the sheet row of an XLSX file', async () => {
    const path = await writeXlsxFile(dir, 'bad-purchases.xlsx', [
      good({ premises: 'SYNTHETIC 20 Market Row' }),
      good({ premises: 'SYNTHETIC 21 Market Row', purchased_on: '2026-04-02' }),
    ]);
    const r = await importAs('test-purchases', path);
    expect(r.problems).toEqual([
      {
        line: 3,
        column: 'purchased_on',
        message: 'Date of the test purchase: the date must be today or in the past',
      },
    ]);
  });

  it('a wrong header: an unknown column and a missing required one, before any row is read', async () => {
    const rows = [{ ...good(), colour: 'red' }];
    const header = Object.keys(rows[0]!).filter((c) => c !== 'outcome');
    const path = await writeCsvFile(dir, 'bad-header.csv', rows, header);
    const r = await importAs('test-purchases', path);
    expect(r.status).toBe('rejected');
    expect(r.problems.slice(0, 2).map((p) => formatImportProblem('bad-header.csv', p))).toEqual([
      'bad-header.csv:1: colour: not a column of the Test purchases register',
      'bad-header.csv:1: outcome: the column is missing',
    ]);
    expect(r.problems[2]?.message).toMatch(/^the columns of test-purchases are: purchased_on, retailer, premises/);
  });

  it('a row with a cell too many, and a file that is not UTF-8', async () => {
    const path = await writeCsvFile(dir, 'wide.csv', [good()]);
    const { appendFile, writeFile } = await import('node:fs/promises');
    await appendFile(path, 'a,b,c,d,e,f,g,h,i,j\r\n');
    const wide = await importAs('test-purchases', path);
    expect(wide.problems).toEqual([{ line: 3, column: null, message: 'the row has 10 cells; the header has 9' }]);
    const latin = join(dir, 'latin1.csv');
    await writeFile(latin, Buffer.from('purchased_on,retailer\n2026-01-01,Caf\xe9\n', 'latin1'));
    const r = await importAs('test-purchases', latin);
    expect(r.status).toBe('rejected');
    expect(r.problems[0]?.line).toBe(2);
  });
});

describe('import rules', () => {
  it('a file already imported into the register is reported unchanged and writes nothing', async () => {
    const path = await writeCsvFile(
      dir,
      'again.csv',
      sampleRows('weapon-sweeps', 'a').map((r) => ({ ...r, team: 'SYNTHETIC again' })),
    );
    const first = await importAs('weapon-sweeps', path);
    expect(first.status).toBe('imported');
    const before = [await countOf('register_entry'), await countOf('register_import')];
    const second = await importAs('weapon-sweeps', path);
    expect(second).toMatchObject({ status: 'unchanged', importId: first.importId, rows: 2 });
    expect([await countOf('register_entry'), await countOf('register_import')]).toEqual(before);
  });

  it('something stored between the checks and the write: the same file (unchanged), the same entry (rejected)', async () => {
    // A database whose write first lets "someone else" store something, as a concurrent upload or form would.
    const racing = (first: () => Promise<unknown>): Database => ({
      ...f.t.database,
      bulkTransaction: async (work) => {
        await first();
        return f.t.database.bulkTransaction(work);
      },
    });
    const rows = sampleRows('weapon-sweeps', 'a').map((r) => ({ ...r, team: 'SYNTHETIC race' }));
    const path = await writeCsvFile(dir, 'race.csv', rows);
    const before = await countOf('register_entry');
    const form = racing(() =>
      saveEntry(f.db, f.ctx, f.people.councilAnalyst, 'weapon-sweeps', rows[1]!, { submit: true }),
    );
    const clash = await importRegisterFile(form, f.ctx, f.people.policeAnalyst, 'weapon-sweeps', path);
    expect(clash.status).toBe('rejected');
    expect(clash.problems).toEqual([
      {
        line: 3,
        column: 'swept_on',
        message: expect.stringMatching(/^this weapon sweep is already recorded as WS-2026-\d{4}$/),
      },
    ]);
    expect(await countOf('register_entry')).toBe(before + 1);
    const again = await writeCsvFile(
      dir,
      'race2.csv',
      sampleRows('weapon-sweeps', 'b').map((r) => ({ ...r, team: 'SYNTHETIC race 2' })),
    );
    const sha256 = createHash('sha256')
      .update(await readFile(again))
      .digest('hex');
    const upload = racing(() =>
      f.db
        .insertInto('register_import')
        .values({
          register_id: 'weapon-sweeps',
          file_name: 'race2.csv',
          sha256,
          row_count: 2,
          imported_by: 'other@synthetic.test',
        })
        .execute(),
    );
    const same = await importRegisterFile(upload, f.ctx, f.people.policeAnalyst, 'weapon-sweeps', again);
    const stored = await f.db
      .selectFrom('register_import')
      .select('id')
      .where('sha256', '=', sha256)
      .executeTakeFirstOrThrow();
    expect(same).toMatchObject({ status: 'unchanged', importId: stored.id, rows: 2 });
    expect(await countOf('register_entry')).toBe(before + 1);
  });

  it('refuses a person who may not write to the register, and a register that does not exist', async () => {
    const path = await writeCsvFile(dir, 'viewer.csv', sampleRows('weapon-sweeps', 'a'));
    await expect(importAs('weapon-sweeps', path, f.people.viewer)).rejects.toBeInstanceOf(RegisterRefusedError);
    // Not named as a reader of community tensions: may not write to it, though the role may.
    await expect(importAs('community-tensions', path, f.people.councilAnalyst)).rejects.toBeInstanceOf(
      RegisterRefusedError,
    );
    await expect(importAs('knitting', path)).rejects.toThrow('there is no register knitting');
  });
});
