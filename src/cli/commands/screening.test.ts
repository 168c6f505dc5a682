import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSafer } from '../../../test/cliHarness.ts';

// `safer screening tools` on a fresh, empty data folder: it reads screening-tools/ and needs no database.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'safer-screening-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const safer = (...args: string[]) => runSafer(['screening', ...args], { SAFER_DATA_DIR: join(dir, 'fresh') });

describe('safer screening tools', () => {
  it('lists id, version, title, groups and number of questions', async () => {
    const run = await safer('tools');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^id\s+version\s+title\s+groups\s+questions$/);
    expect(run.stdout).toMatch(
      /exploitation-screening\s+1\s+Exploitation and serious violence screening\s+Child criminal exploitation, Child sexual exploitation, Serious violence risk\s+18\n/,
    );
  });

  it('--json: each tool with its groups, questions, weights, thresholds and rules', async () => {
    const run = await safer('tools', '--json');
    expect(run.code, run.stderr).toBe(0);
    const [tool] = JSON.parse(run.stdout).tools;
    expect(tool).toMatchObject({
      id: 'exploitation-screening',
      version: 1,
      questionCount: 18,
      levels: { medium: 5, high: 10 },
      routes: { low: 'advice', medium: 'early-help', high: 'mash' },
      rules: { immediate: { level: 'high', route: 'mash' }, adults: { fromAge: 18, atLevel: 'high', route: 'panel' } },
    });
    expect(tool.groups.map((g: { questions: unknown[] }) => g.questions.length)).toEqual([7, 5, 6]);
    expect(tool.groups[2].questions[0]).toEqual({
      id: 'carrying-weapon',
      text: 'Do they carry a knife or other weapon, or has one been found on them?',
      type: 'yes-no',
      required: true,
      weight: 5,
      flag: 'immediate',
    });
  });
});
