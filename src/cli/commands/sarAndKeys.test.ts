import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, testEngine } from '../../../test/createTestDb.ts';
import { runCli } from '../../cli.ts';
import { loadConfig } from '../../config.ts';
import { sealedKeyId } from '../../panels/crypto/fieldCipher.ts';
import { KeyRing, readKeyRing } from '../../panels/crypto/keyRing.ts';
import { type SyntheticCase, syntheticCase } from '../../panels/governance/testing/syntheticCase.ts';
import { seedPanelPeople } from '../../panels/testing/panelTestDb.ts';
import type { CliContext } from '../context.ts';

/*
 * `safer sar export` and `safer keys rotate` on either engine, over two SYNTHETIC people with a MACE case each
 * (Ada, linked to Lin; Bea, linked to Lou): 4 people and 2 preparations sealed under "cli-1".
 */
let t: TestDb;
const dir = mkdtempSync(join(tmpdir(), 'safer-cli-governance-'));
const dataDir = testEngine === 'pglite' ? join(dir, 'data') : undefined;
const keyFile = join(dir, 'case-keys.json');
const outDir = join(dir, 'out');
const ring = KeyRing.generate('cli-1');
let ada: SyntheticCase;
let bea: SyntheticCase;

beforeAll(async () => {
  writeFileSync(keyFile, ring.toJson(), { mode: 0o600 });
  t = await createTestDb({ dataDir });
  const people = await seedPanelPeople(t.database.db);
  ada = await syntheticCase(t.database.db, ring, people.nurse, {
    given: 'SyntheticAda',
    family: 'Alphaworth',
    linkedGiven: 'SyntheticLin',
    linkedFamily: 'Gammaton',
  });
  bea = await syntheticCase(t.database.db, ring, people.nurse, {
    given: 'SyntheticBea',
    family: 'Betaworth',
    linkedGiven: 'SyntheticLou',
    linkedFamily: 'Deltaton',
    meetsOn: '2026-02-12',
  });
}, 120_000);
afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function safer(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = testEngine === 'pglite' ? { SAFER_DATA_DIR: dataDir! } : { DATABASE_URL: t.location };
  const ctx: CliContext = {
    config: () => loadConfig({ NODE_ENV: 'test', SAFER_IMPORT_USER: 'tester', SAFER_CASE_KEY_FILE: keyFile, ...env }),
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
    return { code: await runCli(['node', 'safer', ...args], ctx), out, err };
  } finally {
    if (testEngine === 'pglite') t = await createTestDb({ dataDir });
  }
}

const hasChromium = existsSync(loadConfig({ NODE_ENV: 'test' }).chromiumPath);

describe('safer sar export', () => {
  it('refuses a reference that is not a person, and an unknown person, writing nothing', async () => {
    expect((await safer(['sar', 'export', '--person', ada.caseReference, '--out', outDir])).err).toContain(
      'is not a person reference',
    );
    expect((await safer(['sar', 'export', '--person', 'P-2222-2222', '--out', outDir])).err).toContain(
      'no person has the reference P-2222-2222',
    );
    expect(existsSync(outDir)).toBe(false);
  });

  it('writes <REF>.json and <REF>.pdf with the one person and nothing of the other, audited under cli:', async () => {
    const run = await safer(['sar', 'export', '--person', ada.person.reference, '--out', outDir]);
    const json = readFileSync(join(outDir, `${ada.person.reference}.json`), 'utf8');
    expect(JSON.parse(json).person.familyName).toBe('Alphaworth');
    for (const other of ['Betaworth', 'SyntheticBea', bea.person.reference, bea.caseReference])
      expect(json).not.toContain(other);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_email'])
      .where('actor_email', '=', 'cli:tester')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['case.read', 'subject-request.export']);
    if (!hasChromium) {
      expect(run.code).toBe(1); // the JSON is written before the PDF fails for want of a browser
      return;
    }
    expect(run.code, run.err).toBe(0);
    // Counted in words: one of each part the fixture wrote, no break-glass read, no audit row before this export.
    expect(run.out).toContain(
      `${ada.person.reference}: 1 referral, 1 screening, 1 case, 0 break-glass reads and 0 audit entries;`,
    );
    const pdf = join(outDir, `${ada.person.reference}.pdf`);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    let text = '';
    try {
      text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    } catch {
      return; // no pdftotext: the JSON check stands
    }
    expect(text).toContain(ada.person.reference);
    expect(text).toContain('Tower Hamlets (E09000030)'); // the configured partnership area (the default)
    for (const other of ['Betaworth', 'SyntheticBea', bea.person.reference, bea.caseReference])
      expect(text).not.toContain(other);
  }, 120_000);
});

describe('safer keys rotate', () => {
  const keyIds = async () => {
    const db = t.database.db;
    const people = await db.selectFrom('person').select('special_enc').execute();
    const preps = await db.selectFrom('case_preparation').select('content_enc').execute();
    return [
      ...people.map((p) => sealedKeyId(p.special_enc ?? '')),
      ...preps.map((p) => sealedKeyId(p.content_enc)),
    ].sort();
  };

  it('adds the key, re-seals all 6 fields under it, keeps the file owner-only; then retires the old key', async () => {
    const run = await safer(['keys', 'rotate', '--new-key-id', 'cli-2']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('re-sealed 4 person.special_enc');
    expect(run.out).toContain('re-sealed 2 case_preparation.content_enc');
    expect(await keyIds()).toEqual(['cli-2', 'cli-2', 'cli-2', 'cli-2', 'cli-2', 'cli-2']);
    expect((await readKeyRing(keyFile)).ids.sort()).toEqual(['cli-1', 'cli-2']);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const retire = await safer(['keys', 'rotate', '--retire']);
    expect(retire.code, retire.err).toBe(0);
    expect(retire.out).toContain('Retired "cli-1"');
    expect((await readKeyRing(keyFile)).ids).toEqual(['cli-2']);
  });

  it('refuses an id already in the key file', async () => {
    const run = await safer(['keys', 'rotate', '--new-key-id', 'cli-2']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('key id "cli-2" is already in the key file');
  });
});
