import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type ActiveLink, nodeKey, toLink } from './activeLinks.ts';
import type { NodeRef } from './kinds.ts';

/*
 * The whole thread through a node: upstream (what prompted it, and what prompted that …) and downstream (what came
 * of it …), each node once at the depth it is first reached. The links are fetched in one statement (a recursive
 * CTE over the two link indexes: every link in force leaving a node reachable downstream, or reaching one
 * reachable upstream, within the depth), then walked here level by level in link order, exactly as a query per
 * level would: a page's cost is its round trips, and a thread of four levels each way was eight.
 */

/** How many links away the thread is followed: deep enough for finding → … → decision → action, and bounded. */
export const MAX_DEPTH = 8;

export interface ThreadEntry {
  node: NodeRef;
  /** 1 for a node linked to the start directly, 2 for one linked to those, and so on. */
  depth: number;
  /** The link by which it was first reached (the one a person would remove). */
  link: ActiveLink;
  /** The node on the start's side of that link. */
  via: NodeRef;
}

export interface Thread {
  node: NodeRef;
  upstream: ThreadEntry[];
  downstream: ThreadEntry[];
  /** The earliest date a link in the thread was made: where an indicator's movement is read "since". */
  earliestLinkAt: Date | null;
  /** The links in force at the node itself, oldest first: leaving it (downstream) and reaching it (upstream). */
  direct: { downstream: ActiveLink[]; upstream: ActiveLink[] };
}

type Direction = 'upstream' | 'downstream';

/** The links in force the walk may follow each way, oldest first (one statement). */
async function reachableLinks(
  db: Kysely<DB>,
  start: NodeRef,
  maxDepth: number,
): Promise<Record<Direction, ActiveLink[]>> {
  const active = (alias: string) =>
    sql`NOT EXISTS (SELECT 1 FROM lineage_link_removal r WHERE r.link_id = ${sql.ref(`${alias}.id`)})`;
  const columns = sql`l.id, l.from_kind, l.from_ref, l.to_kind, l.to_ref, l.note, l.created_by, l.created_at`;
  // Nodes within maxDepth - 1 links (the walk asks for links at those); `union` and the depth bound end any cycle.
  const { rows } = await sql<{ direction: Direction } & Parameters<typeof toLink>[0]>`
    WITH RECURSIVE
      down(kind, ref, depth) AS (
        SELECT ${start.kind}::text, ${start.ref}::text, 0
        UNION
        SELECT l.to_kind, l.to_ref, d.depth + 1 FROM down d
          JOIN lineage_link l ON l.from_kind = d.kind AND l.from_ref = d.ref
          WHERE d.depth + 1 < ${maxDepth} AND ${active('l')}
      ),
      up(kind, ref, depth) AS (
        SELECT ${start.kind}::text, ${start.ref}::text, 0
        UNION
        SELECT l.from_kind, l.from_ref, u.depth + 1 FROM up u
          JOIN lineage_link l ON l.to_kind = u.kind AND l.to_ref = u.ref
          WHERE u.depth + 1 < ${maxDepth} AND ${active('l')}
      )
    SELECT 'downstream' AS direction, ${columns} FROM lineage_link l
      WHERE (l.from_kind, l.from_ref) IN (SELECT kind, ref FROM down) AND ${active('l')}
    UNION ALL
    SELECT 'upstream' AS direction, ${columns} FROM lineage_link l
      WHERE (l.to_kind, l.to_ref) IN (SELECT kind, ref FROM up) AND ${active('l')}
    ORDER BY id`.execute(db);
  return {
    downstream: rows.filter((r) => r.direction === 'downstream').map(toLink),
    upstream: rows.filter((r) => r.direction === 'upstream').map(toLink),
  };
}

/** The link's end on the start's side and the far end, for a walk in the direction. */
const ends = (link: ActiveLink, direction: Direction): [NodeRef, NodeRef] =>
  direction === 'downstream' ? [link.from, link.to] : [link.to, link.from];

function walk(links: readonly ActiveLink[], start: NodeRef, direction: Direction, maxDepth: number): ThreadEntry[] {
  const seen = new Set([nodeKey(start)]);
  const entries: ThreadEntry[] = [];
  let frontier: NodeRef[] = [start];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const at = new Set(frontier.map(nodeKey));
    const next: NodeRef[] = [];
    for (const link of links) {
      const [near, far] = ends(link, direction);
      if (!at.has(nodeKey(near)) || seen.has(nodeKey(far))) continue;
      seen.add(nodeKey(far));
      entries.push({ node: far, depth, link, via: near });
      next.push(far);
    }
    frontier = next;
  }
  return entries;
}

export async function lineageThread(db: Kysely<DB>, node: NodeRef, maxDepth: number = MAX_DEPTH): Promise<Thread> {
  const links = await reachableLinks(db, node, maxDepth);
  const upstream = walk(links.upstream, node, 'upstream', maxDepth);
  const downstream = walk(links.downstream, node, 'downstream', maxDepth);
  const dates = [...upstream, ...downstream].map((e) => e.link.createdAt.getTime());
  const atStart = (direction: Direction) =>
    links[direction].filter((l) => nodeKey(ends(l, direction)[0]) === nodeKey(node));
  return {
    node,
    upstream,
    downstream,
    earliestLinkAt: dates.length === 0 ? null : new Date(Math.min(...dates)),
    direct: { downstream: atStart('downstream'), upstream: atStart('upstream') },
  };
}
