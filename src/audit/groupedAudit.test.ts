import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { GroupedAudit } from './groupedAudit.ts';
import { type AuditEvent, recordAudits } from './recordAudit.ts';
import { verifyAuditChain } from './verifyAuditChain.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

const read = (i: number): AuditEvent => ({
  action: 'case.read',
  actor: { userId: null, email: `reader${i}@synthetic.test`, agency: 'police' },
  subjectType: 'panel_case',
  subjectId: i,
  details: { via: 'member', what: 'page' },
});

describe('grouped audit of reads', () => {
  it('writes 50 reads made at once, each committed before its caller hears, in fewer commits, chain intact', async () => {
    const writer = new GroupedAudit(t.database.db);
    const at = new Date('2026-12-07T10:00:00Z');
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.record(read(i), at)));
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'case.read')
      .execute();
    expect(rows.map((r) => Number(r.subject_id)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    // The first read commits alone; the 49 that arrived while it did share the next commit.
    expect(writer.commits).toBe(2);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('a bad entry fails only its own caller; the others in its batch are written', async () => {
    const writer = new GroupedAudit(t.database.db);
    const at = new Date('2026-12-07T11:00:00Z');
    const bad = { ...read(1000), details: { size: 10n } } as unknown as AuditEvent; // BigInt: not JSON
    const results = await Promise.allSettled([
      writer.record(read(100), at),
      writer.record(bad, at),
      writer.record(read(101), at),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ids = await t.database.db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('subject_id', 'in', ['100', '101', '1000'])
      .execute();
    expect(ids.map((r) => r.subject_id).sort()).toEqual(['100', '101']);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('a batch written by one insert keeps its order: ids follow the list, each entry linked to the one before', async () => {
    const at = new Date('2026-12-07T12:00:00Z');
    const entries = Array.from({ length: 40 }, (_, i) => ({ event: read(300 + i), now: at }));
    await t.database.db.transaction().execute((trx) => recordAudits(trx, entries));
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['subject_id', 'hash', 'prev_hash'])
      .where(
        'subject_id',
        'in',
        entries.map((e) => String(e.event.subjectId)),
      )
      .orderBy('id')
      .execute();
    expect(rows.map((r) => Number(r.subject_id))).toEqual(Array.from({ length: 40 }, (_, i) => 300 + i));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
