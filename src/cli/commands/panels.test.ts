import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testEngine } from '../../../test/createTestDb.ts';
import { runCli } from '../../cli.ts';
import { loadConfig } from '../../config.ts';
import { seedCase } from '../../panels/cases/testing/caseTestData.ts';
import { KeyRing } from '../../panels/crypto/keyRing.ts';
import { seedPanelPeople } from '../../panels/testing/panelTestDb.ts';
import type { CliContext } from '../context.ts';

/*
 * `safer panels list` against a database holding the SYNTHETIC panel people (MACE: a chair and two members;
 * MARAC: a chair and a coordinator; MASH: one member) and two MACE cases, one open and one closed.
 */
let t: TestDb;
let dataDir: string | undefined;
beforeAll(async () => {
  dataDir = testEngine === 'pglite' ? mkdtempSync(join(tmpdir(), 'safer-panels-cli-')) : undefined;
  t = await createTestDb({ dataDir });
  const db = t.database.db;
  const people = await seedPanelPeople(db);
  const ring = KeyRing.generate('cli-1');
  await seedCase(db, ring, { panelId: 'mace', referrer: people.nurse });
  await seedCase(db, ring, { panelId: 'mace', referrer: people.nurse, closed: true });
  if (testEngine === 'pglite') await t.database.close();
}, 120_000);
afterAll(async () => {
  await t?.drop().catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function safer(args: string[]) {
  let out = '';
  let err = '';
  const env = testEngine === 'pglite' ? { SAFER_DATA_DIR: dataDir! } : { DATABASE_URL: t.location };
  const ctx: CliContext = {
    config: () => loadConfig({ NODE_ENV: 'test', ...env }),
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    isTty: false,
    exitCode: 0,
  };
  const code = await runCli(['node', 'safer', ...args], ctx);
  return { code, out, err };
}

describe('safer panels list', () => {
  it('--json: each panel with its ages, meetings, members today and open cases', async () => {
    const run = await safer(['panels', 'list', '--json']);
    expect(run.code, run.err).toBe(0);
    const panels = JSON.parse(run.out).panels as {
      id: string;
      members: number;
      openCases: number;
      ages: string;
      kind: string;
    }[];
    expect(panels.map((p) => [p.id, p.kind, p.ages, p.members, p.openCases])).toEqual([
      ['iom', 'iom', '18-120', 0, 0],
      ['mace', 'mace', '10-17', 3, 1],
      ['marac', 'marac', '16-120', 2, 0],
      ['mash', 'mash', '0-120', 1, 0],
      ['young-adults', 'custom', '18-25', 0, 0],
    ]);
  });

  it('prints a table with a heading row', async () => {
    const run = await safer(['panels', 'list']);
    expect(run.code, run.err).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+kind\s+ages\s+meets\s+members\s+open cases$/);
    expect(run.out).toMatch(/mace\s+Multi-Agency Child Exploitation panel \(MACE\)\s+mace\s+10-17\s+Monthly\s+3\s+1\n/);
  });
});
