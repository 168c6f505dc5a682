import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { StatementCounter } from '../http/testing/statementCounter.ts';
import { recordAuditAlone, recordAuditsTogether } from './auditTogether.ts';
import type { AuditEvent } from './recordAudit.ts';
import { verifyAuditChain } from './verifyAuditChain.ts';

/*
 * Concurrent callers' audit entries written together (auditTogether.ts): the first at once, everyone who arrives
 * while it is written in the next transaction; each caller's entries in its order; the chain intact.
 */
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 120_000);
afterAll(async () => t?.drop());

const event = (subjectId: string): AuditEvent => ({
  action: 'read.aggregate',
  actor: { userId: null, email: 'reader@example.test', agency: 'police' },
  subjectType: 'source',
  subjectId,
});
const now = new Date('2026-12-07T21:00:00Z');

describe('audit entries written together', () => {
  it('writes ten callers’ entries in two transactions, in arrival order, each caller resolved after its commit', async () => {
    const counter = new StatementCounter();
    const db = t.database.db.withPlugin(counter);
    const calls = Array.from({ length: 10 }, (_, i) =>
      recordAuditsTogether(db, [
        { event: event(`s${i}-a`), now },
        { event: event(`s${i}-b`), now },
      ]),
    );
    await Promise.all(calls);
    // The first caller's transaction (lock, last hash, insert), then the other nine's together.
    expect(counter.count).toBe(6);
    const subjects = (await t.database.db.selectFrom('audit_log').select('subject_id').orderBy('id').execute()).map(
      (r) => r.subject_id,
    );
    expect(subjects).toEqual(Array.from({ length: 10 }, (_, i) => [`s${i}-a`, `s${i}-b`]).flat());
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, entries: 20 });
    expect(await counter.countOf(() => recordAuditsTogether(db, []))).toBe(0);
  });

  it('writes lone events (a read, an export) that arrive together in the next transaction, not one each', async () => {
    const counter = new StatementCounter();
    const db = t.database.db.withPlugin(counter);
    const before = await t.database.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).execute();
    await Promise.all(Array.from({ length: 8 }, (_, i) => recordAuditAlone(db, event(`lone-${i}`), now)));
    // Lock, last hash and insert for the first, then the same three for the seven who waited: 6, not 8 × 3 = 24.
    expect(counter.count).toBe(6);
    const written = await t.database.db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('id', '>', before[0]?.id ?? 0)
      .orderBy('id')
      .execute();
    expect(written.map((r) => r.subject_id)).toEqual(Array.from({ length: 8 }, (_, i) => `lone-${i}`));
  });

  it('fails every caller in a write that fails, and writes the next callers afresh', async () => {
    // PostgreSQL's text cannot hold a NUL character: the insert fails.
    const bad = { event: event('bad\u0000'), now };
    const first = recordAuditsTogether(t.database.db, [{ event: event('alone'), now }]);
    const joined = [
      recordAuditsTogether(t.database.db, [{ event: event('joined'), now }]),
      recordAuditsTogether(t.database.db, [bad]),
    ];
    await first;
    const outcomes = await Promise.allSettled(joined);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    await recordAuditsTogether(t.database.db, [{ event: event('after'), now }]);
    const subjects = (
      await t.database.db.selectFrom('audit_log').select('subject_id').orderBy('id', 'desc').limit(2).execute()
    ).map((r) => r.subject_id);
    expect(subjects).toEqual(['after', 'alone']);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
