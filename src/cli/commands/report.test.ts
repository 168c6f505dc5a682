import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer } from '../../../test/cliHarness.ts';
import { testData } from '../../../test/sharedData.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
  const run = await runSafer(['import', testData('mps/borough/recorded-crime-borough.csv')], env);
  expect(run.code).toBe(0);
}, 120_000);
afterAll(async () => cleanup());

const build = (out: string, ...extra: string[]) =>
  runSafer(
    ['report', 'build', '--template', 'sna', '--area', 'tower hamlets', '--period', '2024/25', '--out', out, ...extra],
    env,
  );

describe('safer report', () => {
  it('templates lists the SNA with its sections and figures', async () => {
    const run = await runSafer(['report', 'templates'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^sna\tversion 1\tSerious violence strategic needs assessment \(11 sections, 22 figures\)$/m,
    );
  });

  it('build writes each format asked for; figures the data cannot give are named, the rest are the published counts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'safer-report-'));
    const run = await build(out, '--format', 'html,xlsx');
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'sna-tower-hamlets-2024-25-internal.html',
      'sna-tower-hamlets-2024-25-internal.xlsx',
    ]);
    // Only the MPS borough file is imported: partner figures cannot be produced, and the build says so.
    expect(run.stderr).toMatch(/\d+ figures could not be produced; the report says why/);
    const html = readFileSync(join(out, 'sna-tower-hamlets-2024-25-internal.html'), 'utf8');
    // python3 scratch/analysis/expected.py: TH VAP 2024/25 = 9,812 in recorded-crime-borough.csv.
    expect(html).toContain('9,812');
    // The provision section is drawn from the services register, which holds none here (the operator reads it all).
    expect(html).toContain('No services are on the provision map yet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(out, 'sna-tower-hamlets-2024-25-internal.xlsx'));
    const sheet = book.getWorksheet('Figures')!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const vap = rows.find((r) => r[head.indexOf('Block') + 1] === 'vap');
    expect(vap?.[head.indexOf('Count') + 1]).toBe(9812);
  }, 120_000);

  it.each([
    [['--format', 'html,odt'], /format: unknown "odt"; choose from html, pdf, docx, xlsx/],
    [['--edition', 'secret'], /--edition must be internal or public, not "secret"/],
    [['--period', '2024/99'], /safer report build: period: /],
  ])('refuses %j with exit code 1 and writes nothing', async (extra, message) => {
    const out = join(mkdtempSync(join(tmpdir(), 'safer-report-')), 'out');
    const run = await build(out, ...extra);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(() => readdirSync(out)).toThrow(/ENOENT/);
  });

  it('an unknown template is refused naming the templates there are', async () => {
    const run = await runSafer(
      ['report', 'build', '--template', 'nope', '--area', 'x', '--period', '2024/25', '--out', '/tmp/x'],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no template "nope"; templates: sna');
  });
});
