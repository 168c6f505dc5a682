import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ImportBatchTable } from '../db/tables/core.ts';
import { EXPORT_RULES, readScope, type Actor } from './policy.ts';

export type VisibleBatch = Selectable<ImportBatchTable>;

/**
 * The import batches this actor may read, filtered in SQL so that no page,
 * API route or export can forget the rule. Deny by default: with no matching
 * classification the query returns nothing.
 */
export function visibleBatchesQuery(db: Kysely<DB>, actor: Actor, purpose: 'read' | 'export' = 'read') {
  const { anyAgency, ownAgency } = readScope(actor, purpose === 'export' ? EXPORT_RULES : undefined);
  return db.selectFrom('import_batch').where((eb) => {
    const allowed = [];
    if (anyAgency.length > 0) allowed.push(eb('import_batch.classification', 'in', anyAgency));
    if (ownAgency.length > 0) {
      allowed.push(
        eb.and([
          eb('import_batch.classification', 'in', ownAgency),
          eb('import_batch.owning_agency', '=', actor.agency),
        ]),
      );
    }
    return allowed.length > 0 ? eb.or(allowed) : eb.lit(false);
  });
}

export async function visibleBatches(db: Kysely<DB>, actor: Actor): Promise<VisibleBatch[]> {
  return visibleBatchesQuery(db, actor).selectAll('import_batch').orderBy('import_batch.id', 'desc').execute();
}

export async function findVisibleBatch(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  purpose: 'read' | 'export' = 'read',
): Promise<VisibleBatch | undefined> {
  return visibleBatchesQuery(db, actor, purpose)
    .selectAll('import_batch')
    .where('import_batch.id', '=', id)
    .executeTakeFirst();
}
