import { type Kysely, sql } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import { type AuditAction, recordAudit } from '../audit/recordAudit.ts';
import type { DB } from '../db/schema.ts';
import { activeLinks, pathBetween } from './activeLinks.ts';
import { canLink, checkRef, describeNode, isAllowedLink, type NodeRef, withArticle } from './kinds.ts';
import { LineageError } from './lineageError.ts';
import { resolveNode } from './nodes.ts';

/*
 * Adding and removing links: each in one transaction with its audit entry. Links are never changed or deleted
 * (migration 0023 refuses it); a removal is a row with its reason, and the same pair may be linked again later.
 */

const LINK_ADD = 'lineage.link.add' satisfies AuditAction;
const LINK_REMOVE = 'lineage.link.remove' satisfies AuditAction;

/** One lock key for adding links (any number unlikely to be another's: the audit log's is 0x5afe_a0d1). */
const LINEAGE_LOCK = 0x5afe_11e0;

export interface NewLink {
  from: NodeRef;
  to: NodeRef;
  note?: string;
}

const auditActor = (actor: Actor) => ({ userId: actor.id, email: actor.email, agency: actor.agency });

/** Links the two nodes, or refuses with a LineageError saying why; returns the new link's id. */
export async function addLink(db: Kysely<DB>, actor: Actor, link: NewLink): Promise<number> {
  if (!canLink(actor))
    throw new LineageError('FORBIDDEN', 'only analysts and partnership managers can link items in the thread');
  const from = checkRef(link.from.kind, link.from.ref);
  const to = checkRef(link.to.kind, link.to.ref);
  const note = (link.note ?? '').trim();
  if (from.kind === to.kind && from.ref === to.ref)
    throw new LineageError('SELF', `${describeNode(from)} cannot be linked to itself`);
  if (!isAllowedLink(from.kind, to.kind))
    throw new LineageError(
      'KINDS',
      `${withArticle(from.kind)} cannot lead to ${withArticle(to.kind)}: see the allowed links on the lineage page`,
    );
  if (note.length > 2000) throw new LineageError('BAD_REF', 'the note must be 2,000 characters or fewer');
  return db.transaction().execute(async (trx) => {
    // Two links added at once could each close half of a cycle unseen by the other: one writer at a time. Raw SQL
    // because Kysely has no builder for PostgreSQL's advisory locks (the audit log takes its own the same way).
    await sql`SELECT pg_advisory_xact_lock(${LINEAGE_LOCK})`.execute(trx);
    for (const node of [from, to])
      if (!(await resolveNode(trx, node)).exists)
        throw new LineageError('NOT_FOUND', `there is no ${describeNode(node)}`);
    const active = await activeLinks(trx);
    if (
      active.some(
        (l) => l.from.kind === from.kind && l.from.ref === from.ref && l.to.kind === to.kind && l.to.ref === to.ref,
      )
    )
      throw new LineageError('DUPLICATE', `${describeNode(from)} is already linked to ${describeNode(to)}`);
    // A link from → to closes a cycle exactly when `from` can already be reached from `to`.
    const back = pathBetween(active, to, from);
    if (back !== null)
      throw new LineageError(
        'CYCLE',
        `${[from, ...back].map(describeNode).join(' → ')} would be a cycle: ${describeNode(to)} already leads to ${describeNode(from)}`,
      );
    const row = await trx
      .insertInto('lineage_link')
      .values({
        from_kind: from.kind,
        from_ref: from.ref,
        to_kind: to.kind,
        to_ref: to.ref,
        note,
        created_by: actor.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      action: LINK_ADD,
      actor: auditActor(actor),
      subjectType: 'lineage_link',
      subjectId: row.id,
      details: { from, to, note },
    });
    return row.id;
  });
}

/** Removes a link with its reason (kept beside it); the link stays on record. */
export async function removeLink(db: Kysely<DB>, actor: Actor, linkId: number, reason: string): Promise<void> {
  if (!canLink(actor))
    throw new LineageError('FORBIDDEN', 'only analysts and partnership managers can unlink items in the thread');
  const why = reason.trim();
  if (why === '') throw new LineageError('REASON', 'give the reason for removing the link');
  if (why.length > 2000) throw new LineageError('REASON', 'the reason must be 2,000 characters or fewer');
  await db.transaction().execute(async (trx) => {
    // The same lock as adding: two removals of one link at once would otherwise meet the removal's primary key.
    await sql`SELECT pg_advisory_xact_lock(${LINEAGE_LOCK})`.execute(trx);
    const link = await trx
      .selectFrom('lineage_link as l')
      .leftJoin('lineage_link_removal as r', 'r.link_id', 'l.id')
      .select(['l.id', 'l.from_kind', 'l.from_ref', 'l.to_kind', 'l.to_ref', 'r.link_id as removed'])
      .where('l.id', '=', linkId)
      .executeTakeFirst();
    if (link === undefined) throw new LineageError('NOT_FOUND', `there is no link ${linkId}`);
    if (link.removed !== null) throw new LineageError('REMOVED', `link ${linkId} has already been removed`);
    await trx
      .insertInto('lineage_link_removal')
      .values({ link_id: linkId, reason: why, removed_by: actor.email })
      .execute();
    await recordAudit(trx, {
      action: LINK_REMOVE,
      actor: auditActor(actor),
      subjectType: 'lineage_link',
      subjectId: linkId,
      details: {
        from: { kind: link.from_kind, ref: link.from_ref },
        to: { kind: link.to_kind, ref: link.to_ref },
        reason: why,
      },
    });
  });
}
