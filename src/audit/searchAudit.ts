import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import type { AuditLogTable } from '../db/tables/platform.ts';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditQuery {
  actor?: string;
  action?: string;
  subject?: string;
  from?: string;
  to?: string;
  limit: number;
}

/**
 * Searches the log. Administrators see everything; a data owner sees entries
 * made by people of their own agency or about their agency's datasets. The
 * scope is in the WHERE, like every other read.
 */
export async function searchAudit(db: Kysely<DB>, reader: Actor, q: AuditQuery): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (reader.role !== 'administrator') {
    if (reader.role !== 'data_owner') return [];
    query = query.where((eb) =>
      eb.or([
        eb('actor_agency', '=', reader.agency),
        eb.and([
          eb('subject_type', '=', 'import_batch'),
          eb(
            'subject_id',
            'in',
            eb
              .selectFrom('import_batch')
              .select(sql<string>`id::text`.as('id'))
              .where('owning_agency', '=', reader.agency),
          ),
        ]),
      ]),
    );
  }
  if (q.actor) query = query.where(sql<string>`lower(actor_email)`, 'like', `%${escapeLike(q.actor.toLowerCase())}%`);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.subject) query = query.where('subject_id', '=', q.subject);
  if (q.from) query = query.where('at', '>=', sql<Date>`${q.from}::date`);
  if (q.to) query = query.where('at', '<', sql<Date>`${q.to}::date + 1`);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
