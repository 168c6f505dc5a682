import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { nodeKey } from '../../../lineage/activeLinks.ts';
import {
  ALLOWED_LINKS,
  canLink,
  KIND_WORDS,
  LINEAGE_KINDS,
  type LineageKind,
  lineageHref,
  type NodeRef,
} from '../../../lineage/kinds.ts';
import { type ResolvedNode, resolveNodes } from '../../../lineage/nodes.ts';
import { recentNodes } from '../../../lineage/recentNodes.ts';
import { lineageThread, type ThreadEntry } from '../../../lineage/thread.ts';
import { currentIndicators } from '../../../performance/store/indicatorStore.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { formErrors } from '../performance/performanceWords.ts';
import { movementRows } from './movementRows.ts';

/* The lineage page's content: the node, the thread both ways grouped by kind, the indicators' movement, the forms. */

export type LinkForm = Record<'direction' | 'choice' | 'kind' | 'ref' | 'note', string>;
export const EMPTY_FORM: LinkForm = { direction: 'to', choice: '', kind: 'plan-item', ref: '', note: '' };

const GROUP_HEADINGS: Record<LineageKind, string> = {
  finding: 'Findings',
  'plan-item': 'Recommendations and actions',
  indicator: 'Indicators',
  meeting: 'Meetings that discussed it',
  decision: 'Decisions taken',
};

const day = (d: Date | null): string => (d === null ? '' : new Date(d).toISOString().slice(0, 10));

function groups(entries: readonly ThreadEntry[], names: Map<string, ResolvedNode>, side: string) {
  return LINEAGE_KINDS.map((kind) => ({
    kind,
    heading: GROUP_HEADINGS[kind],
    caption: `${GROUP_HEADINGS[kind]}: ${side}`,
    rows: entries
      .filter((e) => e.node.kind === kind)
      .map((e) => {
        const n = names.get(nodeKey(e.node)) as ResolvedNode;
        const via = names.get(nodeKey(e.via)) as ResolvedNode;
        return {
          title: n.title,
          lineage: lineageHref(e.node.kind, e.node.ref),
          href: n.href,
          at: day(n.at),
          distance: e.depth === 1 ? 'directly' : `through ${via.title}`,
        };
      }),
  })).filter((g) => g.rows.length > 0);
}

export async function nodePage(
  services: Services,
  request: FastifyRequest,
  actor: Actor,
  node: NodeRef,
  form: LinkForm = EMPTY_FORM,
  problems: { field: string; message: string }[] = [],
) {
  const today = services.now().toISOString().slice(0, 10);
  // Two statements name the whole thread: its links (lineageThread, one recursive query) and every node in it.
  const thread = await lineageThread(services.db, node);
  const others = [...thread.upstream, ...thread.downstream].map((e) => e.node);
  const names = await resolveNodes(services.db, [node, ...others], actor, today);
  const self = names.get(nodeKey(node)) as ResolvedNode;
  if (!self.exists) throw notFound(KIND_WORDS[node.kind].replace(/^./, (c) => c.toUpperCase()));
  const indicators = [node, ...thread.upstream.map((e) => e.node), ...thread.downstream.map((e) => e.node)]
    .filter((n) => n.kind === 'indicator')
    .map((n) => n.ref);
  // "Since": the earliest of the thread's findings' publication and the links that make the thread.
  const starts = [
    ...thread.upstream.filter((e) => e.node.kind === 'finding').map((e) => names.get(nodeKey(e.node))?.at ?? null),
    thread.earliestLinkAt,
  ].filter((d): d is Date => d !== null);
  const since = starts.length === 0 ? null : new Date(Math.min(...starts.map((d) => new Date(d).getTime())));
  const mayLink = canLink(actor);
  // The current indicators are read once, for the movement and the form's list both; the indicator files are
  // synced first when the thread has an indicator, as the movement has always done.
  if (indicators.length > 0) await services.indicatorSet();
  const current = indicators.length > 0 || mayLink ? await currentIndicators(services.db) : [];
  const [movement, choices] = await Promise.all([
    movementRows(services, request, actor, indicators, current),
    mayLink ? recentNodes(services.db, current) : [],
  ]);
  const direct = [
    ...thread.direct.downstream.map((l) => ({ l, other: l.to, words: 'leads to' })),
    ...thread.direct.upstream.map((l) => ({ l, other: l.from, words: 'prompted by' })),
  ].map(({ l, other, words }) => ({
    id: l.id,
    words,
    title: names.get(nodeKey(other))?.title ?? `${KIND_WORDS[other.kind]} ${other.ref}`,
    lineage: lineageHref(other.kind, other.ref),
    note: l.note,
    by: l.createdBy,
    at: day(l.createdAt),
  }));
  return {
    title: self.title,
    kindWords: KIND_WORDS[node.kind],
    self,
    action: lineageHref(node.kind, node.ref),
    prompted: groups(thread.upstream, names, 'what prompted it'),
    cameOf: groups(thread.downstream, names, 'what came of it'),
    movement: { ...movement, since: day(since) },
    direct,
    mayLink,
    form,
    choiceGroups: LINEAGE_KINDS.map((kind) => ({
      label: GROUP_HEADINGS[kind],
      options: choices
        .filter((c) => c.kind === kind)
        .map((c) => ({ value: `${c.kind}:${c.ref}`, text: c.title, selected: form.choice === `${c.kind}:${c.ref}` })),
    })).filter((g) => g.options.length > 0),
    kindItems: LINEAGE_KINDS.map((k) => ({ value: k, text: KIND_WORDS[k], selected: form.kind === k })),
    allowed: ALLOWED_LINKS.map(([f, t]) => `${KIND_WORDS[f]} → ${KIND_WORDS[t]}`),
    ...formErrors(problems),
  };
}
