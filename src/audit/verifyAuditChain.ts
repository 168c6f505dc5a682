import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { auditHash, GENESIS_HASH } from './auditEntry.ts';

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenId: number; reason: string };

const PAGE = 2_000;

/** Walks the log in id order, recomputing every hash; names the first entry that does not match. */
export async function verifyAuditChain(db: Kysely<DB>): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let entries = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      entries += 1;
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          entries,
          brokenId: Number(row.id),
          reason: 'its link to the previous entry does not match (an entry was removed or changed)',
        };
      }
      const expected = auditHash(prevHash, {
        at: new Date(row.at).toISOString(),
        actorUserId: row.actor_user_id,
        actorEmail: row.actor_email,
        actorAgency: row.actor_agency,
        action: row.action,
        outcome: row.outcome,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        ip: row.ip,
        details: row.details,
      });
      if (expected !== row.hash) {
        return {
          ok: false,
          entries,
          brokenId: Number(row.id),
          reason: 'its content does not match its hash (the entry was edited)',
        };
      }
      prevHash = row.hash;
      afterId = Number(row.id);
    }
    if (rows.length < PAGE) return { ok: true, entries };
  }
}
