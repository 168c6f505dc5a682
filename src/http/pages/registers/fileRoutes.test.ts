import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveEntry } from '../../../registers/entryStore.ts';
import { sampleRows, writeCsvFile } from '../../../registers/files/testing/sampleFiles.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from '../../../registers/testing/registerTestDb.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The register file pages over the register fixture (real Tower Hamlets outlines), SYNTHETIC accounts and files.
let f: RegisterFixture;
let h: Harness;
let dir: string;
let analyst: Browser;
let viewer: Browser;
let manager: Browser;
beforeAll(async () => {
  f = await createRegisterFixture();
  h = await createHarness({ SAFER_PARTNERSHIP_AREA: 'E09000030' }, f.t);
  dir = await mkdtemp(join(tmpdir(), 'safer-register-pages-'));
  await h.addUser('analyst@police.test', 'police', 'analyst');
  await h.addUser('viewer@council.test', 'local_authority', 'viewer');
  await h.addUser('manager@council.test', 'local_authority', 'partnership_manager');
  analyst = await h.signIn('analyst@police.test');
  viewer = await h.signIn('viewer@council.test');
  manager = await h.signIn('manager@council.test');
  await saveEntry(
    f.db,
    f.ctx,
    f.people.manager,
    'locations-of-concern',
    {
      identified_on: '2026-01-11',
      place: 'SYNTHETIC Hotel',
      place_type: 'hotel',
      concern: 'SYNTHETIC',
      site_contact: 'SYNTHETIC Contact',
      review_on: '2026-06-01',
      ...POINTS.whitechapel,
    },
    { submit: true },
  );
}, 120_000);
afterAll(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const entryCount = async () =>
  Number(
    (
      await f.db
        .selectFrom('register_entry')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function upload(browser: Browser, registerId: string, name: string, content: Buffer, csrf?: string) {
  await browser.get(`/registers/${registerId}/import`);
  return browser.postMultipart(`/registers/${registerId}/import`, [
    { name: '_csrf', value: csrf ?? browser.csrf },
    { name: 'file', filename: name, content },
  ]);
}

describe('importing from the pages', () => {
  it('offers the template to download and the upload form to a writer', async () => {
    const page = await analyst.get('/registers/weapon-sweeps/import');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/registers/weapon-sweeps/template.csv"');
    expect(page.body).toContain('enctype="multipart/form-data"');
    const template = await analyst.get('/registers/weapon-sweeps/template.csv');
    expect(template.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(template.headers['content-disposition']).toBe('attachment; filename="weapon-sweeps-template.csv"');
    expect(template.body.split('\r\n')[0]).toBe(
      'swept_on,location,team,area_searched,items.knife,items.bladed article,items.firearm,items.other,notes,latitude,longitude,lsoa,ward',
    );
  });

  it('imports a good file, then says nothing changed when it comes again', async () => {
    const path = await writeCsvFile(dir, 'sweeps.csv', sampleRows('weapon-sweeps', 'a'));
    const before = await entryCount();
    const done = await upload(analyst, 'weapon-sweeps', 'sweeps.csv', await readFile(path));
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('File imported');
    expect(done.body).toContain('2 entries added to Weapon sweeps');
    expect(await entryCount()).toBe(before + 2);
    const again = await upload(analyst, 'weapon-sweeps', 'sweeps.csv', await readFile(path));
    expect(again.body).toContain('Nothing changed');
    expect(await entryCount()).toBe(before + 2);
  });

  it('lists every problem of a bad file in the error summary, by line and column, and saves nothing', async () => {
    const rows = sampleRows('weapon-sweeps', 'b');
    rows[0]!['items.knife'] = 'two';
    rows[1]!.swept_on = '2999-01-01';
    const path = await writeCsvFile(dir, 'bad.csv', rows);
    const before = await entryCount();
    const res = await upload(analyst, 'weapon-sweeps', 'bad.csv', await readFile(path));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('bad.csv was not imported: nothing from it was saved');
    expect(res.body).toContain('<a href="#file">bad.csv:2: items.knife: Items found: enter a whole number</a>');
    expect(res.body).toContain(
      '<a href="#file">bad.csv:3: swept_on: Date of the sweep: the date must be today or in the past</a>',
    );
    expect(res.body).toContain('id="problems"');
    expect(await entryCount()).toBe(before);
  });

  it('asks for a file when none is chosen, and refuses a post without the form token', async () => {
    const none = await upload(analyst, 'weapon-sweeps', 'empty.csv', Buffer.alloc(0));
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('<a href="#file">Select a CSV or XLSX file to import</a>');
    const forged = await upload(analyst, 'weapon-sweeps', 'x.csv', Buffer.from('swept_on\n'), 'forged');
    expect(forged.statusCode).toBe(403);
  });

  it('refuses the import page and upload to someone who may not write (a viewer; a tension to a non-reader)', async () => {
    expect((await viewer.get('/registers/weapon-sweeps/import')).statusCode).toBe(403);
    const path = await writeCsvFile(dir, 'v.csv', sampleRows('weapon-sweeps', 'b'));
    const before = await entryCount();
    expect((await upload(viewer, 'weapon-sweeps', 'v.csv', await readFile(path))).statusCode).toBe(403);
    expect((await analyst.get('/registers/community-tensions/import')).statusCode).toBe(403);
    expect(await entryCount()).toBe(before);
  });
});

describe('exporting from the pages', () => {
  it('downloads CSV and XLSX for a reader who may export, marked, audited, with no personal field', async () => {
    const csv = await manager.get('/registers/locations-of-concern/export.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="locations-of-concern-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(csv.body.split('\r\n')[0]).toMatch(/^"OFFICIAL-SENSITIVE: Locations of concern, 1 entry, exported/);
    expect(csv.body).not.toContain('site_contact');
    expect(csv.body).not.toContain('SYNTHETIC Contact');
    const xlsx = await manager.get('/registers/locations-of-concern/export.xlsx');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const audit = await auditEntries(h, 'register.export');
    expect(audit.map((a) => [a.actor_email, a.subject_id, JSON.parse(String(a.details)).format])).toEqual([
      ['manager@council.test', 'locations-of-concern', 'csv'],
      ['manager@council.test', 'locations-of-concern', 'xlsx'],
    ]);
  });

  it('refuses a viewer (403) and a reader outside the readership, with nothing exported or audited', async () => {
    const before = (await auditEntries(h, 'register.export')).length;
    const refused = await viewer.get('/registers/weapon-sweeps/export.csv');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('SYNTHETIC');
    expect((await analyst.get('/registers/community-tensions/export.csv')).statusCode).toBe(403);
    expect((await viewer.get('/registers/locations-of-concern/export.xlsx')).statusCode).toBe(403);
    expect((await auditEntries(h, 'register.export')).length).toBe(before);
  });
});
