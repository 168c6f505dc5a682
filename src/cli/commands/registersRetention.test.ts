import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testEngine } from '../../../test/createTestDb.ts';
import { insertUser } from '../../auth/users.ts';
import { runCli } from '../../cli.ts';
import { loadConfig } from '../../config.ts';
import type { CliContext } from '../context.ts';

/*
 * `safer registers retention` on either engine, with two SYNTHETIC locations of concern written straight into the
 * table (the command does not need the borough's outlines): one dated on the 1st of the month 25 months before
 * this month, one 23 months before. The register keeps a site contact 24 months, so the first loses it, the
 * second keeps it, whatever today is. PGlite allows one process on a folder: the test closes its handle while
 * the command runs.
 */
let t: TestDb;
let dataDir: string | undefined;
const ids: { old?: number; recent?: number } = {};

const monthsAgo = (n: number): string => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 10);
};

beforeAll(async () => {
  dataDir = testEngine === 'pglite' ? mkdtempSync(join(tmpdir(), 'safer-cli-retention-')) : undefined;
  t = await createTestDb({ dataDir });
  const user = await insertUser(t.database.db, {
    email: 'manager@synthetic.test',
    agency: 'local_authority',
    role: 'partnership_manager',
    password: null,
  });
  for (const [key, months] of [
    ['old', 25],
    ['recent', 23],
  ] as const) {
    const row = await t.database.db
      .insertInto('register_entry')
      .values({
        register_id: 'locations-of-concern',
        definition_version: 1,
        status: 'submitted',
        reference: `LC-SYN-${months}`,
        owner_agency: 'local_authority',
        occurred_on: monthsAgo(months),
        data: JSON.stringify({ place: `SYNTHETIC site ${months}`, place_type: 'park' }),
        personal: JSON.stringify({ site_contact: `SYNTHETIC contact ${months}` }),
        search_text: 'synthetic',
        created_by: user.id,
        created_by_email: user.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[key] = row.id;
  }
});
afterAll(async () => {
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function safer(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = testEngine === 'pglite' ? { SAFER_DATA_DIR: dataDir! } : { DATABASE_URL: t.location };
  const ctx: CliContext = {
    config: () => loadConfig({ NODE_ENV: 'test', SAFER_IMPORT_USER: 'tester', ...env }),
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    isTty: false,
    exitCode: 0,
  };
  if (testEngine === 'pglite') await t.database.close();
  try {
    const code = await runCli(['node', 'safer', ...args], ctx);
    return { code, out, err };
  } finally {
    if (testEngine === 'pglite') t = await createTestDb({ dataDir });
  }
}

const personal = async () =>
  (await t.database.db.selectFrom('register_entry').select(['id', 'personal']).orderBy('id').execute()).map(
    (r) => r.personal,
  );

describe('safer registers retention', () => {
  it('--dry-run --json lists the entry 25 months old and changes nothing', async () => {
    const r = await safer(['registers', 'retention', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.out) as { dryRun: boolean; removed: { entryId: number; fields: string[] }[] };
    expect(run.dryRun).toBe(true);
    expect(run.removed).toEqual([expect.objectContaining({ entryId: ids.old, fields: ['site_contact'] })]);
    expect(await personal()).toEqual([
      { site_contact: 'SYNTHETIC contact 25' },
      { site_contact: 'SYNTHETIC contact 23' },
    ]);
  });

  it('removes it, keeps the one 23 months old, and audits the run under the operator', async () => {
    const r = await safer(['registers', 'retention']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('removed site_contact from LC-SYN-25');
    expect(r.out).toContain('Removed the personal fields of 1 entry');
    expect(await personal()).toEqual([null, { site_contact: 'SYNTHETIC contact 23' }]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_email', 'details'])
      .where('action', '=', 'register.retention')
      .execute();
    expect(audit.map((a) => a.actor_email)).toEqual(['cli:tester']);
    expect(JSON.parse(String(audit[0]?.details))).toMatchObject({ count: 1 });
  });

  it('a second run removes nothing', async () => {
    const r = await safer(['registers', 'retention']);
    expect(r.out).toContain('Removed the personal fields of 0 entries');
    expect(await personal()).toEqual([null, { site_contact: 'SYNTHETIC contact 23' }]);
  });
});
