import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db/schema.ts';
import { currentIndicators, type StoredIndicator } from '../performance/store/indicatorStore.ts';
import { builtReportSchema } from '../reports/workflow/builtReportSchema.ts';
import { findingRef, type LineageKind } from './kinds.ts';
import { currentWording } from '../delivery/itemColumns.ts';

/*
 * What the "add a link" form offers to choose from, newest first: one statement (a JSON array per kind), not one
 * query per kind or per item.
 * Decisions are named by board, date and number only, so a restricted board's words never reach a list.
 */

export interface NodeChoice {
  kind: LineageKind;
  ref: string;
  title: string;
}

const RECENT = 30;
const PUBLICATIONS = 3;

const day = (d: Date | string): string => new Date(d).toISOString().slice(0, 10);
const short = (text: string): string => {
  const words = text.trim().split(/\s+/);
  return words.length <= 10 ? words.join(' ') : `${words.slice(0, 10).join(' ')}…`;
};

/** The recent rows of each kind, asked together. */
async function recentRows(db: Kysely<DB>) {
  return db
    .selectNoFrom([
      jsonArrayFrom(
        db
          .selectFrom('report_publication as p')
          .innerJoin('report as r', 'r.id', 'p.report_id')
          .select(['p.report_id', 'p.version', 'p.built', 'r.title'])
          .where('p.edition', '=', 'internal')
          .orderBy('p.published_at', 'desc')
          .limit(PUBLICATIONS),
      ).as('publications'),
      jsonArrayFrom(
        db
          .selectFrom('plan_item as i')
          .innerJoin('plan as p', 'p.id', 'i.plan_id')
          .select(['i.id', 'i.kind', 'i.number', 'p.title'])
          .select((eb) => currentWording(eb).as('wording'))
          .orderBy('i.id', 'desc')
          .limit(RECENT),
      ).as('items'),
      jsonArrayFrom(
        db
          .selectFrom('meeting as m')
          .innerJoin('board as b', 'b.id', 'm.board_id')
          .select(['m.id', 'm.starts_at', 'b.name'])
          .orderBy('m.starts_at', 'desc')
          .limit(RECENT),
      ).as('meetings'),
      jsonArrayFrom(
        db
          .selectFrom('decision as d')
          .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
          .innerJoin('board as b', 'b.id', 'm.board_id')
          .select(['d.id', 'd.number', 'm.starts_at', 'b.name'])
          .orderBy('m.starts_at', 'desc')
          .orderBy('d.id', 'desc')
          .limit(RECENT),
      ).as('decisions'),
    ])
    .executeTakeFirstOrThrow();
}

type Rows = Awaited<ReturnType<typeof recentRows>>;

function findings(rows: Rows['publications']): NodeChoice[] {
  return rows.flatMap((row) => {
    const built = builtReportSchema.safeParse(row.built);
    if (!built.success) return [];
    return built.data.sections.flatMap((section) => [
      {
        kind: 'finding' as const,
        ref: findingRef({ reportId: row.report_id, version: row.version, blockId: section.id }),
        title: `${row.title}, section ${section.number}. ${section.title}`,
      },
      ...section.blocks.flatMap((b) =>
        b.kind === 'figure'
          ? [
              {
                kind: 'finding' as const,
                ref: findingRef({ reportId: row.report_id, version: row.version, blockId: b.id }),
                title: `${row.title}, ${b.label}: ${b.title}`,
              },
            ]
          : [],
      ),
    ]);
  });
}

const planItems = (rows: Rows['items']): NodeChoice[] =>
  rows.map((r) => ({
    kind: 'plan-item',
    ref: String(r.id),
    title: `${r.title}, ${r.kind}${r.number === null ? '' : ` ${r.number}`}: ${short(r.wording ?? '')}`,
  }));

/**
 * Recent findings, plan items, meetings and decisions, and every indicator, grouped by kind in that order. The
 * current indicators may be passed in by a page that has read them already (the lineage page reads them once).
 */
export async function recentNodes(db: Kysely<DB>, current?: readonly StoredIndicator[]): Promise<NodeChoice[]> {
  const [stored, rows] = await Promise.all([current ?? currentIndicators(db), recentRows(db)]);
  const indicators = stored.map((s) => ({ kind: 'indicator' as const, ref: s.indicator.id, title: s.indicator.name }));
  return [
    ...findings(rows.publications),
    ...planItems(rows.items),
    ...indicators,
    // Dates come back as JSON text (day() reads either).
    ...rows.meetings.map((m) => ({
      kind: 'meeting' as const,
      ref: String(m.id),
      title: `${m.name}, ${day(m.starts_at)}`,
    })),
    ...rows.decisions.map((d) => ({
      kind: 'decision' as const,
      ref: String(d.id),
      title: `${d.name}, ${day(d.starts_at)}, decision ${d.number}`,
    })),
  ];
}
