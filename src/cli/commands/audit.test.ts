import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { runCli } from '../../cli.ts';
import type { CliContext } from '../context.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import { verifyAuditChain } from '../../audit/verifyAuditChain.ts';
import { findTokenHolder } from '../../auth/apiTokens.ts';
import { findUserByEmail } from '../../auth/users.ts';
import { verifyPassword } from '../../auth/passwordHash.ts';
import { createTestDb, testEngine, type TestDb } from '../../../test/createTestDb.ts';

/**
 * The platform commands against a real database on either engine. PGlite
 * allows one process at a time on a data folder, so the test closes its own
 * handle while a command runs and reopens it afterwards.
 */
let t: TestDb;
let dataDir: string | undefined;
beforeAll(async () => {
  dataDir = testEngine === 'pglite' ? mkdtempSync(join(tmpdir(), 'safer-cli-')) : undefined;
  t = await createTestDb({ dataDir });
});
afterAll(async () => {
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function safer(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
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
    const code = await runCliWithStdin(args, ctx, stdin);
    return { code, out, err };
  } finally {
    if (testEngine === 'pglite') t = await createTestDb({ dataDir });
  }
}

async function runCliWithStdin(args: string[], ctx: CliContext, stdin: string): Promise<number> {
  if (!stdin) return runCli(['node', 'safer', ...args], ctx);
  // `users add` reads the password from standard input when --password is absent.
  const { Readable } = await import('node:stream');
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', {
    value: Object.assign(Readable.from([stdin]), { isTTY: false }),
    configurable: true,
  });
  try {
    return await runCli(['node', 'safer', ...args], ctx);
  } finally {
    Object.defineProperty(process, 'stdin', original);
  }
}

describe('safer users add / tokens create', () => {
  it('adds a user with an argon2id hash, reading the password from standard input', async () => {
    const r = await safer(
      ['users', 'add', '--email', 'Sam@Council.example', '--agency', 'local_authority', '--role', 'analyst'],
      'a long enough passphrase\n',
    );
    expect(r).toMatchObject({ code: 0, out: 'Added sam@council.example (analyst, local_authority).\n' });
    const user = (await findUserByEmail(t.database.db, 'sam@council.example'))!;
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(user.password_hash!, 'a long enough passphrase')).toBe(true);
  });

  it('refuses a weak password, an unknown agency and an unknown role, naming the problem', async () => {
    expect(
      await safer([
        'users',
        'add',
        '--email',
        'x@y.example',
        '--agency',
        'fire',
        '--role',
        'viewer',
        '--password',
        'short',
      ]),
    ).toMatchObject({ code: 2, err: 'safer users add: Enter a password of at least 12 characters\n' });
    expect(
      (
        await safer([
          'users',
          'add',
          '--email',
          'x@y.example',
          '--agency',
          'nasa',
          '--role',
          'viewer',
          '--password',
          'a long enough passphrase',
        ])
      ).err,
    ).toContain('unknown agency "nasa"');
    expect(
      (
        await safer([
          'users',
          'add',
          '--email',
          'x@y.example',
          '--agency',
          'fire',
          '--role',
          'king',
          '--password',
          'a long enough passphrase',
        ])
      ).err,
    ).toContain('unknown role "king"; use a code or name: viewer (Viewer), analyst (Analyst)');
    expect(await findUserByEmail(t.database.db, 'x@y.example')).toBeUndefined();
  });

  it('prints a token once, stores only its hash, and the token works with its scope', async () => {
    const r = await safer(['tokens', 'create', '--email', 'sam@council.example', '--scope', 'read']);
    expect(r.code).toBe(0);
    const token = r.out.trim();
    expect(token).toMatch(/^safer_[\w-]{43}$/);
    const stored = await t.database.db.selectFrom('api_token').selectAll().execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    const holder = await findTokenHolder(t.database.db, token, new Date());
    expect(holder).toMatchObject({ scope: 'read', user: { email: 'sam@council.example' } });
    expect((await safer(['tokens', 'create', '--email', 'nobody@x.example', '--scope', 'read'])).err).toContain(
      'there is no user nobody@x.example',
    );
  });
});

describe('safer audit verify', () => {
  it('reports an intact chain', async () => {
    const r = await safer(['audit', 'verify']);
    expect(r.code).toBe(0);
    // users add + tokens create each wrote one entry.
    expect(r.out).toBe('The audit log is intact: 2 entries, every hash chained to the one before.\n');
  });

  it('the database refuses UPDATE and DELETE on the audit log', async () => {
    await expect(sql`UPDATE audit_log SET actor_email = 'someone else'`.execute(t.database.db)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(t.database.db)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sql`TRUNCATE audit_log`.execute(t.database.db)).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('names the first edited entry when a superuser disables the trigger and changes one', async () => {
    for (let i = 0; i < 3; i++) {
      await t.database.db.transaction().execute((trx) =>
        recordAudit(trx, {
          action: 'export',
          actor: { userId: 1, email: 'sam@council.example', agency: 'local_authority' },
          subjectType: 'import_batch',
          subjectId: i,
        }),
      );
    }
    const target = (
      await t.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('subject_id', '=', '1')
        .where('action', '=', 'export')
        .executeTakeFirstOrThrow()
    ).id;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(t.database.db);
    await sql`UPDATE audit_log SET actor_email = 'innocent@council.example' WHERE id = ${target}`.execute(
      t.database.db,
    );
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(t.database.db);
    const r = await safer(['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `The audit log is broken at entry ${target}: its content does not match its hash (the entry was edited).\n`,
    );
  });

  it('names the entry after a deleted one', async () => {
    const v = await verifyAuditChain(t.database.db);
    expect(v.ok).toBe(false);
    // Repair nothing; delete the last-but-one entry instead on a chain that is otherwise checked from the start.
    const ids = (await t.database.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) =>
      Number(r.id),
    );
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(t.database.db);
    await sql`DELETE FROM audit_log WHERE id >= ${ids[2]!} AND id < ${ids[ids.length - 1]!}`.execute(t.database.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(t.database.db);
    const after = await verifyAuditChain(t.database.db);
    expect(after).toMatchObject({
      ok: false,
      brokenId: ids[ids.length - 1],
      reason: expect.stringContaining('was removed or changed'),
    });
  });
});
