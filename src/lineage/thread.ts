import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type ActiveLink, linksAt, nodeKey } from './activeLinks.ts';
import type { NodeRef } from './kinds.ts';

/*
 * The whole thread through a node: upstream (what prompted it, and what prompted that …) and downstream (what came
 * of it …), each node once at the depth it is first reached. Iterative rather than a recursive CTE: one indexed
 * query per level through Kysely, no raw SQL, and the same code on both engines; a thread is a few levels deep.
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
}

async function walk(
  db: Kysely<DB>,
  start: NodeRef,
  direction: 'upstream' | 'downstream',
  maxDepth: number,
): Promise<ThreadEntry[]> {
  const seen = new Set([nodeKey(start)]);
  const entries: ThreadEntry[] = [];
  let frontier: NodeRef[] = [start];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const links = await linksAt(db, frontier, direction);
    const next: NodeRef[] = [];
    for (const link of links) {
      const [near, far] = direction === 'downstream' ? [link.from, link.to] : [link.to, link.from];
      if (seen.has(nodeKey(far))) continue;
      seen.add(nodeKey(far));
      entries.push({ node: far, depth, link, via: near });
      next.push(far);
    }
    frontier = next;
  }
  return entries;
}

export async function lineageThread(db: Kysely<DB>, node: NodeRef, maxDepth: number = MAX_DEPTH): Promise<Thread> {
  const upstream = await walk(db, node, 'upstream', maxDepth);
  const downstream = await walk(db, node, 'downstream', maxDepth);
  const dates = [...upstream, ...downstream].map((e) => e.link.createdAt.getTime());
  return {
    node,
    upstream,
    downstream,
    earliestLinkAt: dates.length === 0 ? null : new Date(Math.min(...dates)),
  };
}
