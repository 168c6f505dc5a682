import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { NodeRef } from './kinds.ts';

/* The links in force (those with no removal row), and walking them. */

export interface ActiveLink {
  id: number;
  from: NodeRef;
  to: NodeRef;
  note: string;
  createdBy: string;
  createdAt: Date;
}

const key = (n: NodeRef): string => `${n.kind}:${n.ref}`;

function activeQuery(db: Kysely<DB>) {
  return db
    .selectFrom('lineage_link as l')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('lineage_link_removal as r').select('r.link_id').whereRef('r.link_id', '=', 'l.id'))),
    )
    .select(['l.id', 'l.from_kind', 'l.from_ref', 'l.to_kind', 'l.to_ref', 'l.note', 'l.created_by', 'l.created_at'])
    .orderBy('l.id');
}

type Row = Awaited<ReturnType<ReturnType<typeof activeQuery>['execute']>>[number];
export const toLink = (r: Row): ActiveLink => ({
  id: r.id,
  from: { kind: r.from_kind, ref: r.from_ref },
  to: { kind: r.to_kind, ref: r.to_ref },
  note: r.note,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
});

/** Every link in force, oldest first. */
export async function activeLinks(db: Kysely<DB>): Promise<ActiveLink[]> {
  return (await activeQuery(db).execute()).map(toLink);
}

/** The links in force that leave (`downstream`) or reach (`upstream`) any of the nodes. */
export async function linksAt(
  db: Kysely<DB>,
  nodes: readonly NodeRef[],
  direction: 'upstream' | 'downstream',
): Promise<ActiveLink[]> {
  if (nodes.length === 0) return [];
  const [kindCol, refCol] =
    direction === 'downstream' ? (['l.from_kind', 'l.from_ref'] as const) : (['l.to_kind', 'l.to_ref'] as const);
  const rows = await activeQuery(db)
    .where((eb) => eb.or(nodes.map((n) => eb.and([eb(kindCol, '=', n.kind), eb(refCol, '=', n.ref)]))))
    .execute();
  return rows.map(toLink);
}

/**
 * A path along the links from `start` to `goal` (both included), or null when `goal` cannot be reached.
 * Breadth first, so the path named in a refusal is a shortest one.
 */
export function pathBetween(links: readonly ActiveLink[], start: NodeRef, goal: NodeRef): NodeRef[] | null {
  const out = new Map<string, NodeRef[]>();
  for (const l of links) out.set(key(l.from), [...(out.get(key(l.from)) ?? []), l.to]);
  const cameFrom = new Map<string, NodeRef | null>([[key(start), null]]);
  const queue: NodeRef[] = [start];
  while (queue.length > 0) {
    const node = queue.shift() as NodeRef;
    if (key(node) === key(goal)) {
      const path: NodeRef[] = [];
      for (let n: NodeRef | null = node; n !== null; n = cameFrom.get(key(n)) ?? null) path.unshift(n);
      return path;
    }
    for (const next of out.get(key(node)) ?? [])
      if (!cameFrom.has(key(next))) {
        cameFrom.set(key(next), node);
        queue.push(next);
      }
  }
  return null;
}

export const nodeKey = key;
