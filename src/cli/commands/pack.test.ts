import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  runSafer(['pack', 'build', '--quarter', '2025/26 Q3', '--area', 'E09000030', '--out', out, ...extra], env);

describe('safer pack build', () => {
  it('writes the pack in each format asked for, with the financial-year crime table from the imported file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'safer-pack-'));
    const run = await build(out, '--format', 'html,xlsx');
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'performance-pack-tower-hamlets-2025-26-q3-internal.html',
      'performance-pack-tower-hamlets-2025-26-q3-internal.xlsx',
    ]);
    const html = readFileSync(join(out, 'performance-pack-tower-hamlets-2025-26-q3-internal.html'), 'utf8');
    expect(html).toContain('Summary of exceptions');
    // The last whole financial year by December 2025 is 2024/25; the file holds April 2024 onwards.
    expect(html).toContain('Offences 2024/25');
    // No return has been accepted: returned indicators say so rather than showing a number.
    expect(html).toContain('not returned');
    // The indicator computed from the weapon sweep register is counted (no sweeps recorded: 0 in each quarter),
    // not left without data.
    const row = html
      .slice(html.indexOf('Weapons found in sweeps'))
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(row).toContain('2024/25 Q4: 0 2025/26 Q1: 0 2025/26 Q2: 0 2025/26 Q3: 0');
  }, 180_000);

  it.each([
    [['--quarter', '2025/26 Q5'], /safer pack build: "2025\/26 Q5" is not a quarter/],
    [['--format', 'odt'], /format: unknown "odt"; choose from html, pdf, docx, xlsx/],
    [['--area', 'E09999999'], /no area "E09999999" is imported/],
  ])(
    'refuses %j with exit code 1 and writes nothing',
    async (extra, message) => {
      const out = mkdtempSync(join(tmpdir(), 'safer-pack-'));
      const run = await build(out, ...extra);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(readdirSync(out)).toEqual([]);
    },
    60_000,
  );
});
