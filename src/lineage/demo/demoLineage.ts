import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { NodeRef } from '../kinds.ts';
import { LineageError } from '../lineageError.ts';
import { addLink } from '../linkStore.ts';

/*
 * The demo's thread, made from what the demo already holds (SYNTHETIC): the caller passes the ids it created and
 * this links them through addLink, so every rule and audit entry applies. Running it again adds nothing: links
 * that exist (or would close a cycle) are skipped and said.
 */

export interface DemoLineageIds {
  /** A published SNA figure or section, `<report id>/<version>#<block id>`, when the demo published one. */
  finding?: string | null;
  /** Recommendation plan items; the finding leads to each. */
  recommendations: readonly number[];
  /** Action plan items: the first recommendation leads to the first two, each later one to the next in turn. */
  actions: readonly number[];
  /** Indicator ids: each action is meant to move one, in turn; the first is discussed at the decision's meeting. */
  indicators: readonly string[];
  /** A board decision: its meeting discussed the first indicator and took it. */
  decision?: number | null;
  /** Actions the decision led to (keep them out of `actions`, or the link would close a cycle and be skipped). */
  decisionActions?: readonly number[];
}

export interface DemoLineageResult {
  added: number;
  /** Links not made, with the reason (already there, or a cycle). */
  skipped: string[];
}

const item = (id: number): NodeRef => ({ kind: 'plan-item', ref: String(id) });

/** The links the ids make, in order. */
export function demoLinks(ids: DemoLineageIds, meetingId: number | null): [NodeRef, NodeRef][] {
  const links: [NodeRef, NodeRef][] = [];
  if (ids.finding) for (const r of ids.recommendations) links.push([{ kind: 'finding', ref: ids.finding }, item(r)]);
  ids.actions.forEach((a, i) => {
    const r =
      ids.recommendations.length === 0
        ? undefined
        : ids.recommendations[Math.max(0, i - 1) % ids.recommendations.length];
    if (r !== undefined) links.push([item(r), item(a)]);
  });
  ids.actions.forEach((a, i) => {
    const indicator = ids.indicators[i % Math.max(1, ids.indicators.length)];
    if (indicator !== undefined) links.push([item(a), { kind: 'indicator', ref: indicator }]);
  });
  if (ids.decision != null && meetingId !== null) {
    const meeting: NodeRef = { kind: 'meeting', ref: String(meetingId) };
    const decision: NodeRef = { kind: 'decision', ref: String(ids.decision) };
    if (ids.indicators[0] !== undefined) links.push([{ kind: 'indicator', ref: ids.indicators[0] }, meeting]);
    links.push([meeting, decision]);
    for (const a of ids.decisionActions ?? []) links.push([decision, item(a)]);
  }
  return links;
}

export async function seedDemoLineage(db: Kysely<DB>, actor: Actor, ids: DemoLineageIds): Promise<DemoLineageResult> {
  const meeting =
    ids.decision == null
      ? undefined
      : await db.selectFrom('decision').select('meeting_id').where('id', '=', ids.decision).executeTakeFirst();
  const result: DemoLineageResult = { added: 0, skipped: [] };
  for (const [from, to] of demoLinks(ids, meeting?.meeting_id ?? null)) {
    try {
      await addLink(db, actor, { from, to, note: 'SYNTHETIC demo link' });
      result.added++;
    } catch (error) {
      if (!(error instanceof LineageError) || (error.code !== 'DUPLICATE' && error.code !== 'CYCLE')) throw error;
      result.skipped.push(error.message);
    }
  }
  return result;
}
