import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { Indicator } from '../performance/indicatorSchema.ts';
import { reportAnchors } from '../reports/render/html/anchors.ts';
import { builtReportSchema } from '../reports/workflow/builtReportSchema.ts';
import { KIND_WORDS, type NodeRef, parseFindingRef } from './kinds.ts';
import { currentWording } from '../delivery/itemColumns.ts';

/* What a node is called and where it lives: one small query per node, by kind. */

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

/**
 * A figure block or section of a published report: the version must be the one published (either edition; the
 * internal one is read first, as it holds every block the public one does).
 */
async function finding(db: Kysely<DB>, node: NodeRef): Promise<ResolvedNode> {
  const ref = parseFindingRef(node.ref);
  if (ref === null) return missing(node);
  const row = await db
    .selectFrom('report_publication as p')
    .innerJoin('report as r', 'r.id', 'p.report_id')
    .select(['p.built', 'p.published_at', 'r.title'])
    .where('p.report_id', '=', ref.reportId)
    .where('p.version', '=', ref.version)
    .orderBy('p.edition')
    .executeTakeFirst();
  if (row === undefined) return missing(node);
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

async function planItem(db: Kysely<DB>, node: NodeRef): Promise<ResolvedNode> {
  const row = await db
    .selectFrom('plan_item as i')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .innerJoin('plan_theme as t', 't.id', 'i.theme_id')
    .select(['i.id', 'i.plan_id', 'i.number', 'i.kind', 'p.title as plan', 't.title as theme'])
    .select((eb) => currentWording(eb).as('wording'))
    .where('i.id', '=', Number(node.ref))
    .executeTakeFirst();
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

async function indicator(db: Kysely<DB>, node: NodeRef): Promise<ResolvedNode> {
  const row = await db
    .selectFrom('indicator_version')
    .select('body')
    .where('indicator_id', '=', node.ref)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
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

async function meeting(db: Kysely<DB>, node: NodeRef): Promise<ResolvedNode> {
  const row = await db
    .selectFrom('meeting as m')
    .innerJoin('board as b', 'b.id', 'm.board_id')
    .select(['m.id', 'm.starts_at', 'b.name'])
    .where('m.id', '=', Number(node.ref))
    .executeTakeFirst();
  if (row === undefined) return missing(node);
  return {
    ...node,
    exists: true,
    title: `${row.name}, ${dateWords(row.starts_at)}`,
    href: `/meetings/${row.id}`,
    at: row.starts_at,
  };
}

/** Whether the reader sits on the board today: a restricted board's decisions are read by its members only. */
async function isMember(db: Kysely<DB>, boardId: number, reader: Actor, today: string): Promise<boolean> {
  const row = await db
    .selectFrom('board_member')
    .select('id')
    .where('board_id', '=', boardId)
    .where('user_id', '=', reader.id)
    .where('joined_on', '<=', today)
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>=', today)]))
    .executeTakeFirst();
  return row !== undefined;
}

async function decision(db: Kysely<DB>, node: NodeRef, reader: Actor | null, today: string): Promise<ResolvedNode> {
  const row = await db
    .selectFrom('decision as d')
    .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
    .innerJoin('board as b', 'b.id', 'm.board_id')
    .select([
      'd.id',
      'd.number',
      'd.text',
      'm.id as meeting_id',
      'm.starts_at',
      'b.id as board_id',
      'b.name',
      'b.restricted',
    ])
    .where('d.id', '=', Number(node.ref))
    .executeTakeFirst();
  if (row === undefined) return missing(node);
  const withheld = row.restricted && reader !== null && !(await isMember(db, row.board_id, reader, today));
  const head = `${row.name}, ${dateWords(row.starts_at)}, decision ${row.number}`;
  return {
    ...node,
    exists: true,
    title: withheld ? `${head} (restricted board: its decisions are read by its members)` : `${head}: ${row.text}`,
    href: withheld ? null : `/meetings/${row.meeting_id}#decision-${row.id}`,
    at: row.starts_at,
  };
}

/**
 * The node's title, link and whether it exists. With a reader, a restricted board's decision is named but its text
 * withheld from non-members; without one (the link store checking existence) nothing is withheld.
 */
export async function resolveNode(
  db: Kysely<DB>,
  node: NodeRef,
  reader: Actor | null = null,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<ResolvedNode> {
  // A number kind's ref that is not a number names nothing (and must not reach an integer column).
  if (['plan-item', 'meeting', 'decision'].includes(node.kind) && !/^[1-9][0-9]{0,8}$/.test(node.ref))
    return missing(node);
  switch (node.kind) {
    case 'finding':
      return finding(db, node);
    case 'plan-item':
      return planItem(db, node);
    case 'indicator':
      return indicator(db, node);
    case 'meeting':
      return meeting(db, node);
    case 'decision':
      return decision(db, node, reader, today);
  }
}
