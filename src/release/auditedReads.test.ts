import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { DISCLOSURE_RULES } from '../domain/disclosure/disclosureRule.ts';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
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
});
