import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { Indicator } from '../performance/indicatorSchema.ts';
import { reportAnchors } from '../reports/render/html/anchors.ts';
import { builtReportSchema } from '../reports/workflow/builtReportSchema.ts';
import { KIND_WORDS, type NodeRef, parseFindingRef } from './kinds.ts';
import { nodeKey } from './activeLinks.ts';
import { type NodeRows, nodeRows } from './nodeRows.ts';

/* What a node is called and where it lives: any number of nodes named from one statement (nodeRows.ts). */

export interface ResolvedNode extends NodeRef {
  exists: boolean;
  title: string;
  /** The node's own page, or null when there is none (or the reader may not see it). */
  href: string | null;
  /** For ordering by time where it means something (meetings and decisions: the meeting's start). */
  at: Date | null;
}

const missing = (node: NodeRef): ResolvedNode => ({
  ...node,
  exists: false,
  title: `${KIND_WORDS[node.kind]} ${node.ref} (not found)`,
  href: null,
  at: null,
});

const firstWords = (text: string, words = 12): string => {
  const all = text.trim().split(/\s+/);
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')}…`;
};

const dateWords = (d: Date): string =>
  new Date(d).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });

/** A figure block or section of a published report, from the publication rows of its report version. */
function finding(node: NodeRef, rows: NodeRows['finding']): ResolvedNode {
  const ref = parseFindingRef(node.ref);
  const row = ref && rows.find((r) => r.report_id === ref.reportId && r.version === ref.version);
  if (!ref || !row) return missing(node);
  const built = builtReportSchema.safeParse(row.built);
  if (!built.success) return missing(node);
  const anchors = reportAnchors(built.data);
  const page = `/reports/${ref.reportId}`;
  for (const [i, section] of built.data.sections.entries()) {
    const sectionTitle = `${section.number}. ${section.title}`;
    if (section.id === ref.blockId)
      return {
        ...node,
        exists: true,
        title: `${row.title}, section ${sectionTitle}`,
        href: `${page}#${anchors.sections[i]}`,
        at: row.published_at,
      };
    for (const block of section.blocks) {
      if (block.id !== ref.blockId) continue;
      const title =
        block.kind === 'figure'
          ? `${row.title}, ${block.label}: ${block.title}`
          : `${row.title}, section ${sectionTitle} (text)`;
      const anchor = block.kind === 'figure' ? anchors.figures.get(block) : anchors.sections[i];
      return { ...node, exists: true, title, href: `${page}#${anchor}`, at: row.published_at };
    }
  }
  return missing(node);
}

function planItem(node: NodeRef, rows: NodeRows['planItem']): ResolvedNode {
  const row = rows.find((r) => r.id === Number(node.ref));
  if (row === undefined) return missing(node);
  const number = row.number === null ? '' : ` ${row.number}`;
  return {
    ...node,
    exists: true,
    title: `${row.plan}, ${row.theme}, ${row.kind}${number}: ${firstWords(row.wording ?? '')}`,
    href: `/plans/${row.plan_id}/items/${row.id}`,
    at: null,
  };
}

function indicator(node: NodeRef, rows: NodeRows['indicator']): ResolvedNode {
  const row = rows.find((r) => r.indicator_id === node.ref);
  const parsed = row === undefined ? null : Indicator.safeParse(row.body);
  if (!parsed?.success) return missing(node);
  return {
    ...node,
    exists: true,
    title: parsed.data.name,
    href: `/performance/indicators/${encodeURIComponent(node.ref)}`,
    at: null,
  };
}

function meeting(node: NodeRef, rows: NodeRows['meeting']): ResolvedNode {
  const row = rows.find((r) => r.id === Number(node.ref));
  if (row === undefined) return missing(node);
  return {
    ...node,
    exists: true,
    title: `${row.name}, ${dateWords(row.starts_at)}`,
    href: `/meetings/${row.id}`,
    at: row.starts_at,
  };
}

function decision(node: NodeRef, rows: NodeRows['decision'], reader: Actor | null): ResolvedNode {
  const row = rows.find((r) => r.id === Number(node.ref));
  if (row === undefined) return missing(node);
  const withheld = row.restricted && reader !== null && !row.member;
  const head = `${row.name}, ${dateWords(row.starts_at)}, decision ${row.number}`;
  return {
    ...node,
    exists: true,
    title: withheld ? `${head} (restricted board: its decisions are read by its members)` : `${head}: ${row.text}`,
    href: withheld ? null : `/meetings/${row.meeting_id}#decision-${row.id}`,
    at: row.starts_at,
  };
}

// A number kind's ref that is not a number names nothing (and must not reach an integer column).
const numbered = (node: NodeRef): boolean =>
  !['plan-item', 'meeting', 'decision'].includes(node.kind) || /^[1-9][0-9]{0,8}$/.test(node.ref);

/**
 * Each node's title, link and whether it exists, by nodeKey, asked in one statement. With a reader, a restricted
 * board's decision is named but its text withheld from non-members; without one (the link store checking
 * existence) nothing is withheld.
 */
export async function resolveNodes(
  db: Kysely<DB>,
  nodes: readonly NodeRef[],
  reader: Actor | null = null,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<Map<string, ResolvedNode>> {
  const asked = nodes.filter(numbered);
  const refs = (kind: NodeRef['kind']) => [...new Set(asked.filter((n) => n.kind === kind).map((n) => n.ref))];
  const rows = await nodeRows(
    db,
    {
      findings: refs('finding')
        .map(parseFindingRef)
        .filter((f) => f !== null),
      planItems: refs('plan-item').map(Number),
      indicators: refs('indicator'),
      meetings: refs('meeting').map(Number),
      decisions: refs('decision').map(Number),
    },
    reader,
    today,
  );
  const named = (node: NodeRef): ResolvedNode => {
    if (!numbered(node)) return missing(node);
    switch (node.kind) {
      case 'finding':
        return finding(node, rows.finding);
      case 'plan-item':
        return planItem(node, rows.planItem);
      case 'indicator':
        return indicator(node, rows.indicator);
      case 'meeting':
        return meeting(node, rows.meeting);
      case 'decision':
        return decision(node, rows.decision, reader);
    }
  };
  return new Map(nodes.map((n) => [nodeKey(n), named(n)]));
}

/** One node, as resolveNodes names it. */
export async function resolveNode(
  db: Kysely<DB>,
  node: NodeRef,
  reader: Actor | null = null,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<ResolvedNode> {
  return (await resolveNodes(db, [node], reader, today)).get(nodeKey(node)) as ResolvedNode;
}
