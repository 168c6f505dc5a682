import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kysely, sql } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { DISCLOSURE_RULES } from '../domain/disclosure/disclosureRule.ts';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { verifyAuditChain } from '../audit/verifyAuditChain.ts';
import { StatementCounter } from '../http/testing/statementCounter.ts';
import { auditPageReads, type PageRead } from './analyseFor.ts';

let one: TestDb;
let other: TestDb;
beforeAll(async () => {
  [one, other] = await Promise.all([createTestDb(), createTestDb()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([one?.drop(), other?.drop()]);
});

const recorded = (db: Kysely<DB>) =>
  db.selectFrom('audit_log').select(['actor_email', 'subject_id']).where('action', '=', 'read.aggregate').execute();

describe('audit of page reads', () => {
  it('remembers what it has recorded per database: two databases with the same reader ids and data version each get the read', async () => {
    const now = () => new Date('2026-03-01T12:00:00Z');
    const analyst: Actor = { id: 1, email: 'analyst@local_authority.test', agency: 'local_authority', role: 'analyst' };
    const read: PageRead = {
      input: { definition: 'knife-crime', area: 'E05009333', period: 'Jan 2026', by: 'victim-age' },
      release: {
        source: 'partner-police',
        classification: 'personal',
        access: 'aggregate',
        rule: DISCLOSURE_RULES.caseDerived,
        suppressedFigures: 2,
      },
    };
    // The same page view twice in each database, with the same data version string in both.
    for (const t of [one, other])
      for (let view = 0; view < 2; view++)
        await auditPageReads({ db: t.database.db, now }, analyst, [read], '192.0.2.7', '3.3');
    for (const t of [one, other])
      expect(await recorded(t.database.db)).toEqual([{ actor_email: analyst.email, subject_id: 'partner-police' }]);
  });

  it('writes a page’s first reads in order in one batch (lock, last hash, insert), skipping a repeat, chain intact', async () => {
    const now = () => new Date('2026-03-02T12:00:00Z');
    const manager: Actor = { id: 2, email: 'manager@probation.test', agency: 'probation', role: 'partnership_manager' };
    const release: PageRead['release'] = {
      source: 'partner-police',
      classification: 'personal',
      access: 'aggregate',
      rule: DISCLOSURE_RULES.caseDerived,
      suppressedFigures: 0,
    };
    const read = (area: string): PageRead => ({
      input: { definition: 'knife-crime', area, period: '2025/26' },
      release,
    });
    const counter = new StatementCounter();
    const db = one.database.db.withPlugin(counter);
    const before = (await recorded(one.database.db)).length;
    const reads = [read('E05009333'), read('E05009334'), read('E05009333'), read('E05009335')];
    const statements = await counter.countOf(() => auditPageReads({ db, now }, manager, reads, undefined, '4.4'));
    const mine = (await recorded(one.database.db)).slice(before);
    expect(mine).toEqual([
      { actor_email: manager.email, subject_id: 'partner-police' },
      { actor_email: manager.email, subject_id: 'partner-police' },
      { actor_email: manager.email, subject_id: 'partner-police' },
    ]);
    const areas = await one.database.db
      .selectFrom('audit_log')
      .select(sql<string>`details::jsonb -> 'request' ->> 'area'`.as('area'))
      .where('actor_email', '=', manager.email)
      .orderBy('id')
      .execute();
    expect(areas.map((r) => r.area)).toEqual(['E05009333', 'E05009334', 'E05009335']);
    expect(statements).toBe(3);
    expect((await verifyAuditChain(one.database.db)).ok).toBe(true);
    // The same page again: nothing new to record, no statement sent.
    expect(await counter.countOf(() => auditPageReads({ db, now }, manager, reads, undefined, '4.4'))).toBe(0);
  });
});
