import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer } from '../../../test/cliHarness.ts';
import { tempDir } from '../../../test/tempFiles.ts';
import { cliDatabaseEnv } from '../../../test/testDbEnv.ts';
import { SEED_000, SEED_001 } from '../../delivery/testing/deliveryCounts.ts';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
const files = tempDir('safer-plans-');
beforeAll(async () => {
  ({ env, cleanup } = await cliDatabaseEnv());
}, 120_000);
afterAll(async () => {
  await cleanup();
  files.cleanup();
});

describe('safer plans', () => {
  it('refuses a wrong kind, a missing file and an empty file (exit 1), writing nothing', async () => {
    const wrongKind = await runSafer(['plans', 'import', SEED_001, '--kind', 'minutes'], env);
    expect(wrongKind).toMatchObject({ code: 1, stdout: '' });
    expect(wrongKind.stderr).toBe(
      'safer plans import: --kind minutes is not a kind of plan file: use vru-return, recommendations or plan\n',
    );
    const missing = await runSafer(['plans', 'import', join(files.dir, 'nope.txt'), '--kind', 'vru-return'], env);
    expect(missing).toMatchObject({
      code: 1,
      stderr: `safer plans import: cannot read ${join(files.dir, 'nope.txt')}: ENOENT\n`,
    });
    const empty = join(files.dir, 'empty.txt');
    writeFileSync(empty, '');
    const emptyRun = await runSafer(['plans', 'import', empty, '--kind', 'recommendations'], env);
    expect(emptyRun).toMatchObject({ code: 1, stderr: 'safer plans import: empty.txt, line 1: the file is empty\n' });
    const wrong = await runSafer(['plans', 'import', SEED_000, '--kind', 'vru-return'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^safer plans import: 000_8814935fd8ff57ef\.txt, line 1: no VRU action table found/);
    expect(await runSafer(['plans', 'list'], env)).toMatchObject({
      code: 0,
      stdout: 'no plans: import one with safer plans import FILE --kind …\n',
    });
  });

  it('imports seed 001 once, reports what it could not place, and a second time changes nothing', async () => {
    const run = await runSafer(['plans', 'import', SEED_001, '--kind', 'vru-return'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'created plan 1 (round 1): 9 themes, 98 items',
      'not placed: line 27: no action number: not an action: To note: See new VAWG section for action to record prevalence of Child and Adolescent to Parent Violence | N/A',
      'not placed: line 141: no action number: not an action: New section | Currently no suggestions of VAWG-related optional actions.',
    ]);
    const again = await runSafer(['plans', 'import', SEED_001, '--kind', 'vru-return', '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'unchanged', planId: 1, importId: null });
  });

  it('imports seed 000 and lists both plans', async () => {
    const run = await runSafer(['plans', 'import', SEED_000, '--kind', 'recommendations', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'created', planId: 2, themes: 6, items: 48, unplaced: [] });
    const list = await runSafer(['plans', 'list', '--json'], env);
    expect(
      JSON.parse(list.stdout).plans.map((p: { id: number; kind: string; items: number }) => [p.id, p.kind, p.items]),
    ).toEqual([
      [1, 'vru-return', 98],
      [2, 'recommendations', 48],
    ]);
    const table = await runSafer(['plans', 'list'], env);
    expect(table.stdout.split('\n')[0]).toMatch(/^id\s+kind\s+title\s+owner\s+period\s+round\s+themes\s+items$/);
    expect(table.stdout).toMatch(
      /1\s+vru-return\s+Violence and Vulnerability Reduction Action Plans - 2023\s+Tower Hamlets\s+2023\s+1\s+9\s+98/,
    );
  });

  it('shows a plan as JSON in the agreed shape, and refuses an unknown plan', async () => {
    const run = await runSafer(['plans', 'show', '1', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(Object.keys(plan)).toEqual(['id', 'kind', 'title', 'themes']);
    expect(plan.themes[0]).toMatchObject({ number: '1', title: 'GOVERNANCE' });
    expect(Object.keys(plan.themes[0].items[0])).toEqual(['number', 'kind', 'wording', 'update', 'children']);
    expect(plan.themes[0].items[0]).toMatchObject({ number: '1', kind: 'core', children: [] });
    expect(plan.themes.at(-1).items[0]).toMatchObject({
      number: null,
      kind: 'emerging',
      wording: 'REDUCING ONLINE HARMS',
      update: '',
    });
    const recs = JSON.parse((await runSafer(['plans', 'show', '2', '--json'], env)).stdout);
    expect(recs.themes[0].items[3].children.map((c: { number: string }) => c.number)).toEqual(['4 a)', '4 b)']);
    const text = await runSafer(['plans', 'show', '2'], env);
    expect(text.stdout).toContain('  4 [core] Work with communities and community organizations');
    expect(text.stdout).toContain('    4 a) [core] work with communities and groups');
    expect(await runSafer(['plans', 'show', '7', '--json'], env)).toMatchObject({
      code: 1,
      stderr: 'safer plans show: there is no plan 7\n',
    });
    expect(await runSafer(['plans', 'show', 'x'], env)).toMatchObject({
      code: 1,
      stderr: 'safer plans show: x is not a plan id\n',
    });
  });
  it("exports plan 1 as the VRU's return in XLSX and Word, and refuses a bad format or plan", async () => {
    const out = join(files.dir, 'exports');
    for (const format of ['xlsx', 'docx']) {
      const run = await runSafer(['plans', 'export', '1', '--format', format, '--out', out], env);
      expect(run.code, run.stderr).toBe(0);
      const path = join(out, `plan-1-violence-and-vulnerability-reduction-action-plans-2023.${format}`);
      expect(run.stdout).toBe(`wrote ${path}\n`);
      // Both formats are zip containers: the signature says the file is whole.
      expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
    }
    expect(await runSafer(['plans', 'export', '1', '--format', 'odt', '--out', out], env)).toMatchObject({
      code: 1,
      stderr: 'safer plans export: --format must be xlsx or docx, not "odt"\n',
    });
    expect(await runSafer(['plans', 'export', '9', '--format', 'xlsx', '--out', out], env)).toMatchObject({
      code: 1,
      stderr: 'safer plans export: there is no plan 9\n',
    });
  }, 60_000);
});
