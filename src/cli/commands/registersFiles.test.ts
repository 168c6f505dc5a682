import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer } from '../../../test/cliHarness.ts';
import { freePort } from '../../../test/globalSetupPostgres.ts';
import { startSaferServer, stopProcess } from '../../../test/saferProcess.ts';
import { testEngine } from '../../../test/createTestDb.ts';
import { sampleRows, writeCsvFile } from '../../registers/files/testing/sampleFiles.ts';
import { createRegisterFixture, type RegisterFixture } from '../../registers/testing/registerTestDb.ts';

// `safer registers …` over the register fixture (real Tower Hamlets outlines, SYNTHETIC accounts and entries).
let f: RegisterFixture;
let env: Record<string, string>;
let dir: string;
beforeAll(async () => {
  f = await createRegisterFixture();
  dir = await mkdtemp(join(tmpdir(), 'safer-registers-cli-'));
  // PGlite: one process holds a data folder, so the fixture lets go of it for the CLI.
  if (testEngine === 'pglite') await f.t.database.close();
  env = {
    ...(testEngine === 'pglite' ? { SAFER_DATA_DIR: f.t.location } : { DATABASE_URL: f.t.location }),
    SAFER_IMPORT_USER: 'councilAnalyst@synthetic.test',
    SAFER_PARTNERSHIP_AREA: 'E09000030',
  };
}, 120_000);
afterAll(async () => {
  if (testEngine === 'pglite') await rm(f.t.location, { recursive: true, force: true });
  else await f?.t.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const safer = (...args: string[]) => runSafer(['registers', ...args], env);

describe('safer registers', () => {
  it('list: each register with id, name, classification and fields; --json with every field', async () => {
    const run = await safer('list');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^id\s+name\s+classification\s+fields\n/);
    expect(run.stdout).toMatch(
      /community-tensions\s+Community tensions\s+OFFICIAL-SENSITIVE\s+reported_on, issue, description, communities, level, trend, sources, actions, review_on\n/,
    );
    const json = JSON.parse((await safer('list', '--json')).stdout);
    expect(json.registers.map((r: { id: string }) => r.id).sort()).toEqual(f.registers.all.map((r) => r.id).sort());
    const loc = json.registers.find((r: { id: string }) => r.id === 'locations-of-concern');
    expect(loc).toMatchObject({
      classification: 'restricted',
      marking: 'OFFICIAL-SENSITIVE',
      geometry: 'point-or-area',
    });
    expect(loc.fields.find((x: { name: string }) => x.name === 'site_contact')).toEqual({
      name: 'site_contact',
      label: 'Named contact at the site',
      type: 'text',
      required: false,
      personal: true,
    });
  });

  it('template prints the header and an example row, which imports; import says imported, then unchanged', async () => {
    const run = await safer('template', 'test-purchases');
    expect(run.code, run.stderr).toBe(0);
    const [header, example, end] = run.stdout.split('\n');
    expect(header).toBe('purchased_on,retailer,premises,item,outcome,follow_up,notes,latitude,longitude');
    expect(example).toMatch(
      /^\d{4}-\d{2}-\d{2},SYNTHETIC example: retailer,SYNTHETIC example: premises,knife,pass,none,/,
    );
    expect(end).toBe('');
    const path = join(dir, 'template.csv');
    await writeFile(path, run.stdout);
    const imported = await safer('import', 'test-purchases', path);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^imported 1 entry into Test purchases from template\.csv \(import \d+\)\n$/);
    const again = await safer('import', 'test-purchases', path, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged', rows: 1, register: 'test-purchases' });
    const emptyings = await safer('template', 'knife-bin-emptyings');
    expect(emptyings.code).toBe(0);
    expect(emptyings.stdout.split('\n')[1]).toMatch(/^,\d{4}-\d{2}-\d{2},1,0,0,0$/);
    expect(emptyings.stderr).toBe('safer registers template: bin names no entry yet: import knife-bins first\n');
    expect((await safer('template', 'knitting')).stderr).toBe(
      'safer registers template: there is no register knitting: see safer registers list\n',
    );
  });

  it('import rejects a bad file with exit 1, listing file:line: column: message', async () => {
    const rows = sampleRows('weapon-sweeps', 'a');
    rows[1]!.swept_on = '2999-01-01';
    const path = await writeCsvFile(dir, 'sweeps.csv', rows);
    const run = await safer('import', 'weapon-sweeps', path);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'sweeps.csv:3: swept_on: Date of the sweep: the date must be today or in the past\n' +
        'safer registers import: sweeps.csv was rejected; nothing was imported\n',
    );
    const json = await safer('import', 'weapon-sweeps', path, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'rejected', totalProblems: 1 });
  });

  it('import and export refuse an account without the right, and no account at all', async () => {
    const path = await writeCsvFile(dir, 'viewer.csv', sampleRows('knife-bins', 'a'));
    const viewer = await safer('import', 'knife-bins', path, '--as', 'viewer@synthetic.test');
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toBe(
      'safer registers import: viewer@synthetic.test: You may not add to the Knife bins register\n',
    );
    const nobody = await safer('export', 'knife-bins', '--format', 'csv', '--out', dir, '--as', 'nobody@x.test');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/there is no account nobody@x\.test: say whose account to act as with --as EMAIL/);
    const refused = await safer(
      'export',
      'knife-bins',
      '--format',
      'csv',
      '--out',
      dir,
      '--as',
      'viewer@synthetic.test',
    );
    expect(refused.stderr).toBe(
      'safer registers export: viewer@synthetic.test: You may not export the Knife bins register\n',
    );
    expect((await safer('export', 'knife-bins', '--format', 'pdf', '--out', dir)).stderr).toBe(
      'safer registers export: --format must be csv or xlsx, not "pdf"\n',
    );
  });

  it('export writes the file for a reader who may export', async () => {
    const path = await writeCsvFile(dir, 'bins.csv', sampleRows('knife-bins', 'b'));
    expect((await safer('import', 'knife-bins', path)).code).toBe(0);
    const out = join(dir, 'out');
    for (const format of ['csv', 'xlsx']) {
      const run = await safer('export', 'knife-bins', '--format', format, '--out', out);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(
        new RegExp(`^wrote .*knife-bins-\\d{4}-\\d{2}-\\d{2}\\.${format} \\(2 entries\\)\\n$`),
      );
    }
    const [csv] = (await readdir(out)).filter((n) => n.endsWith('.csv'));
    const lines = (await readFile(join(out, csv!), 'utf8')).split('\r\n');
    expect(lines[0]).toMatch(
      /^"OFFICIAL: Knife bins, 2 entries, exported \d{4}-\d{2}-\d{2} by councilAnalyst@synthetic\.test"$/,
    );
    expect(lines[1]).toBe('reference,site,installed_on,host,removed_on,latitude,longitude,lsoa,ward');
    expect(lines[2]).toMatch(
      /^KB-2026-\d{4},SYNTHETIC bin by the station b,2026-03-01,SYNTHETIC church,,51\.5195,-0\.0597,E01004208,E05009333$/,
    );
  });
});

describe('safer registers import while the server runs', () => {
  it('imports a file of three COPY chunks through the server that owns the data (PGlite) or beside it', async () => {
    const server = await startSaferServer([], { ...env, PORT: String(await freePort()) });
    try {
      // 12,000 SYNTHETIC sweeps by Whitechapel station, each at its own bin store, one knife in every third.
      const [row] = sampleRows('weapon-sweeps', 'a');
      const rows = Array.from({ length: 12_000 }, (_, i) => ({
        ...row!,
        location: `SYNTHETIC running bin store ${i}`,
        'items.knife': i % 3 === 0 ? '1' : '0',
      }));
      const path = await writeCsvFile(dir, 'running.csv', rows);
      const run = await safer('import', 'weapon-sweeps', path, '--json');
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 'imported', rows: 12_000 });
      if (testEngine === 'pglite') expect(run.stderr).toMatch(/working through process \d+/);
      // The import's row count, written at its end, is what a second import of the file reports.
      const again = await safer('import', 'weapon-sweeps', path, '--json');
      expect(JSON.parse(again.stdout)).toMatchObject({ status: 'unchanged', rows: 12_000 });
    } finally {
      await stopProcess(server.child, 'SIGTERM');
    }
  }, 180_000);
});
