import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { currentWording } from '../delivery/itemColumns.ts';
import type { FindingRef } from './kinds.ts';

/*
 * The rows that name a set of nodes, every kind in one statement: one JSON array per kind asked (a scalar
 * subquery each, `jsonArrayFrom`), so a thread of any size is named in one round trip. Dates come back as JSON
 * text and are made Dates again here.
 */

export interface NodeRows {
  finding: { report_id: number; version: number; built: unknown; published_at: Date; title: string }[];
  planItem: {
    id: number;
    plan_id: number;
    number: string | null;
    kind: string;
    plan: string;
    theme: string;
    wording: string | null;
  }[];
  indicator: { indicator_id: string; body: unknown }[];
  meeting: { id: number; starts_at: Date; name: string }[];
  decision: {
    id: number;
    number: string;
    text: string;
    meeting_id: number;
    starts_at: Date;
    name: string;
    restricted: boolean;
    /** Whether the reader sits on the decision's board on the day (false without a reader). */
    member: boolean;
  }[];
}

export interface NodeAsks {
  findings: FindingRef[];
  planItems: number[];
  indicators: string[];
  meetings: number[];
  decisions: number[];
}

const EMPTY: NodeRows = { finding: [], planItem: [], indicator: [], meeting: [], decision: [] };
const dated = <T, K extends keyof T>(rows: T[], key: K): T[] =>
  rows.map((r) => ({ ...r, [key]: r[key] === null ? null : new Date(r[key] as unknown as string) }));

export async function nodeRows(db: Kysely<DB>, ask: NodeAsks, reader: Actor | null, today: string): Promise<NodeRows> {
  const columns = [];
  if (ask.findings.length > 0)
    // Either edition of the version published; the internal one first, as it holds every block the public one does.
    columns.push(
      jsonArrayFrom(
        db
          .selectFrom('report_publication as p')
          .innerJoin('report as r', 'r.id', 'p.report_id')
          .select(['p.report_id', 'p.version', 'p.built', 'p.published_at', 'r.title'])
          .where((eb) =>
            eb.or(
              ask.findings.map((f) => eb.and([eb('p.report_id', '=', f.reportId), eb('p.version', '=', f.version)])),
            ),
          )
          .orderBy('p.edition'),
      ).as('finding'),
    );
  if (ask.planItems.length > 0)
    columns.push(
      jsonArrayFrom(
        db
          .selectFrom('plan_item as i')
          .innerJoin('plan as p', 'p.id', 'i.plan_id')
          .innerJoin('plan_theme as t', 't.id', 'i.theme_id')
          .select(['i.id', 'i.plan_id', 'i.number', 'i.kind', 'p.title as plan', 't.title as theme'])
          .select((eb) => currentWording(eb).as('wording'))
          .where('i.id', 'in', ask.planItems),
      ).as('planItem'),
    );
  if (ask.indicators.length > 0)
    columns.push(
      jsonArrayFrom(
        db
          .selectFrom('indicator_version')
          .distinctOn('indicator_id')
          .select(['indicator_id', 'body'])
          .where('indicator_id', 'in', ask.indicators)
          .orderBy('indicator_id')
          .orderBy('version', 'desc'),
      ).as('indicator'),
    );
  if (ask.meetings.length > 0)
    columns.push(
      jsonArrayFrom(
        db
          .selectFrom('meeting as m')
          .innerJoin('board as b', 'b.id', 'm.board_id')
          .select(['m.id', 'm.starts_at', 'b.name'])
          .where('m.id', 'in', ask.meetings),
      ).as('meeting'),
    );
  if (ask.decisions.length > 0)
    columns.push(
      jsonArrayFrom(
        db
          .selectFrom('decision as d')
          .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
          .innerJoin('board as b', 'b.id', 'm.board_id')
          .select(['d.id', 'd.number', 'd.text', 'm.id as meeting_id', 'm.starts_at', 'b.name', 'b.restricted'])
          // A restricted board's decisions are read by those who sit on it today.
          .select((eb) =>
            reader === null
              ? sql<boolean>`false`.as('member')
              : eb
                  .exists(
                    eb
                      .selectFrom('board_member as bm')
                      .select('bm.id')
                      .whereRef('bm.board_id', '=', 'b.id')
                      .where('bm.user_id', '=', reader.id)
                      .where('bm.joined_on', '<=', today)
                      .where((w) => w.or([w('bm.left_on', 'is', null), w('bm.left_on', '>=', today)])),
                  )
                  .as('member'),
          )
          .where('d.id', 'in', ask.decisions),
      ).as('decision'),
    );
  if (columns.length === 0) return EMPTY;
  const row = (await db.selectNoFrom(columns as never).executeTakeFirstOrThrow()) as Partial<NodeRows>;
  return {
    finding: dated(row.finding ?? [], 'published_at'),
    planItem: row.planItem ?? [],
    indicator: row.indicator ?? [],
    meeting: dated(row.meeting ?? [], 'starts_at'),
    decision: dated(row.decision ?? [], 'starts_at'),
  };
}
