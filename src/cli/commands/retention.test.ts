import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testEngine } from '../../../test/createTestDb.ts';
import { runCli } from '../../cli.ts';
import { loadConfig } from '../../config.ts';
import { KeyRing } from '../../panels/crypto/keyRing.ts';
import { sourceToken } from '../../panels/facts/recordFact.ts';
import { syntheticClosedCase, syntheticPerson } from '../../panels/retention/testing/seedClosedCase.ts';
import { seedPanelPeople } from '../../panels/testing/panelTestDb.ts';
import type { CliContext } from '../context.ts';

/*
 * `safer retention run` on either engine: one SYNTHETIC MACE case kept until 1 January 2020 (past, whatever
 * today is), one kept until 2999, and one locations-of-concern entry dated 1 January 2020 (the register keeps a
 * site contact 24 months). The key file the command reads is the one the facts' tokens were made with.
 */
let t: TestDb;
const dir = mkdtempSync(join(tmpdir(), 'safer-cli-panels-retention-'));
const dataDir = testEngine === 'pglite' ? join(dir, 'data') : undefined;
const keyFile = join(dir, 'case-keys.json');
const ring = KeyRing.generate('cli-test');
const ids = { old: 0, kept: 0, oldReferral: 0, entry: 0 };

beforeAll(async () => {
  writeFileSync(keyFile, ring.toJson(), { mode: 0o600 });
  t = await createTestDb({ dataDir });
  const db = t.database.db;
  const people = await seedPanelPeople(db);
  const by = people.maceChair;
  const mk = async (label: string, retainUntil: string) =>
    syntheticClosedCase(db, ring, by, {
      personId: await syntheticPerson(db, ring, label, by),
      retainUntil,
      linkedPersonId: await syntheticPerson(db, ring, `${label}-Linked`, by),
      agency: 'police',
    });
  const old = await mk('Cli-Old', '2020-01-01');
  ids.old = old.caseId;
  ids.oldReferral = old.referralId;
  ids.kept = (await mk('Cli-Kept', '2999-01-01')).caseId;
  const entry = await db
    .insertInto('register_entry')
    .values({
      register_id: 'locations-of-concern',
      definition_version: 1,
      status: 'submitted',
      reference: 'LC-SYN-2020',
      owner_agency: 'local_authority',
      occurred_on: '2020-01-01',
      data: JSON.stringify({ place: 'SYNTHETIC site', place_type: 'park' }),
      personal: JSON.stringify({ site_contact: 'SYNTHETIC contact' }),
      search_text: 'synthetic',
      created_by: by.id,
      created_by_email: by.email,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.entry = entry.id;
}, 60_000);
afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function safer(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const env = testEngine === 'pglite' ? { SAFER_DATA_DIR: dataDir! } : { DATABASE_URL: t.location };
  const ctx: CliContext = {
    config: () => loadConfig({ NODE_ENV: 'test', SAFER_IMPORT_USER: 'tester', SAFER_CASE_KEY_FILE: keyFile, ...env }),
    out: (s) => {
      out += s;
    },
    err: () => {},
    isTty: false,
    exitCode: 0,
  };
  if (testEngine === 'pglite') await t.database.close();
  try {
    return { code: await runCli(['node', 'safer', ...args], ctx), out };
  } finally {
    if (testEngine === 'pglite') t = await createTestDb({ dataDir });
  }
}

const state = async () => {
  const db = t.database.db;
  const cases = await db.selectFrom('panel_case').select(['id', 'person_id', 'summary']).orderBy('id').execute();
  const entry = await db
    .selectFrom('register_entry')
    .select('personal')
    .where('id', '=', ids.entry)
    .executeTakeFirstOrThrow();
  const tokens = await db
    .selectFrom('panel_fact')
    .select('id')
    .where('source_token', 'in', [
      sourceToken(ring, `case:${ids.old}`),
      sourceToken(ring, `referral:${ids.oldReferral}`),
    ])
    .execute();
  return { summaries: cases.map((c) => c.summary), personal: entry.personal, oldTokens: tokens.length };
};

describe('safer retention run', () => {
  it('--dry-run --json lists the old case and the old entry and changes nothing', async () => {
    const r = await safer(['retention', 'run', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.out) as {
      panels: { dryRun: boolean; cases: { id: number }[]; peopleRemoved: number; factsUnlinked: number };
      registers: { removed: { entryId: number }[] };
    };
    expect(run.panels.dryRun).toBe(true);
    expect(run.panels.cases.map((c) => c.id)).toEqual([ids.old]);
    expect([run.panels.peopleRemoved, run.panels.factsUnlinked]).toEqual([2, 3]);
    expect(run.registers.removed.map((e) => e.entryId)).toEqual([ids.entry]);
    expect(await state()).toEqual({
      summaries: ['SYNTHETIC case summary', 'SYNTHETIC case summary'],
      personal: { site_contact: 'SYNTHETIC contact' },
      oldTokens: 3,
    });
  });

  it('removes both, says what went, and audits each under the operator', async () => {
    const r = await safer(['retention', 'run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Panels: removed the personal data of 1 case and 0 referrals closed without a case; 2 people deleted, 3 anonymous counts unlinked',
    );
    expect(r.out).toContain('removed site_contact from LC-SYN-2020 (2020-01-01)');
    expect(r.out).toContain('Registers: removed the personal fields of 1 entry');
    expect(await state()).toEqual({ summaries: [null, 'SYNTHETIC case summary'], personal: null, oldTokens: 0 });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_email'])
      .where('action', 'in', ['panels.retention', 'register.retention'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'panels.retention', actor_email: 'cli:tester' },
      { action: 'register.retention', actor_email: 'cli:tester' },
    ]);
  });
});
