import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { StandingItemSource } from '../db/tables/governance.ts';
import { parseQuarter, quarterOf } from '../domain/performance/indicatorPeriods.ts';
import { addMonths } from '../domain/periods/month.ts';
import { acceptedValues } from '../performance/returns/returnQueries.ts';
import { versionBodies } from '../performance/returns/returnStore.ts';
import { currentIndicators } from '../performance/store/indicatorStore.ts';
import { scorecardRow } from '../performance/values/scorecard.ts';
import { actionsForMeeting } from './actionQueries.ts';
import { agencyShortName } from './agencyNames.ts';
import { describeDate, londonDate } from './londonTime.ts';
import { loadRegisters } from '../registers/loadRegisters.ts';
import { registerSummary } from '../registers/registerSummary.ts';

/*
 * What each standing item shows, drawn when the agenda is built and kept with it (so the papers say what the board
 * saw that day, whatever changes later). Each line is a short text and its detail.
 */

export interface AgendaEntry {
  text: string;
  detail: string;
}

/** The registers since the board last met (or in the three months before, at its first meeting), up to today. */
export async function registersSince(
  db: Kysely<DB>,
  meeting: { id: number; boardId: number; startsAt: Date },
  today: string,
): Promise<AgendaEntry[]> {
  const day = londonDate(meeting.startsAt);
  const previous = await db
    .selectFrom('meeting')
    .select('starts_at')
    .where('board_id', '=', meeting.boardId)
    .where('starts_at', '<', meeting.startsAt)
    .where('status', '<>', 'cancelled')
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const from = previous ? londonDate(previous.starts_at) : `${addMonths(day.slice(0, 7), -3)}${day.slice(7)}`;
  const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const to = dayBefore < today ? dayBefore : today;
  const said = `from ${describeDate(from)} to ${describeDate(to)}`;
  return registerSummary(db, await loadRegisters(), { from, to, said });
}

/** The quarter the scorecard is read for: the newest with returns, else the last that has ended by `today`. */
async function scorecardQuarter(db: Kysely<DB>, today: string): Promise<string> {
  const newest = await db
    .selectFrom('performance_return')
    .select('quarter')
    .orderBy('period_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  return newest?.quarter ?? quarterOf(addMonths(today.slice(0, 7), -3)).label;
}

/**
 * Indicators whose latest assessment is an exception (target red or statistically significantly worse) or whose
 * direction of travel is worsening: from the scorecard's own rows, over accepted returned values. Computed
 * indicators need the figure engine and a reader's access, which an agenda built for the whole board has not.
 */
export async function performanceExceptions(db: Kysely<DB>, today: string): Promise<AgendaEntry[]> {
  const quarter = parseQuarter(await scorecardQuarter(db, today));
  const indicators = (await currentIndicators(db)).map((s) => s.indicator).filter((i) => i.source.kind === 'returned');
  if (indicators.length === 0) return [];
  const sources = {
    analyse: null,
    area: '',
    accepted: await acceptedValues(
      db,
      indicators.map((i) => i.id),
    ),
    versions: await versionBodies(db),
  };
  const entries: AgendaEntry[] = [];
  for (const indicator of indicators) {
    const row = await scorecardRow(sources, indicator, quarter);
    const a = row.assessment;
    if (a.latest === null || !(row.exception || a.direction.state === 'worsening')) continue;
    const said = [a.target.state, a.statistical.state, a.direction.state].filter(
      (s) => s === 'red' || s === 'significantly worse' || s === 'worsening',
    );
    entries.push({
      text: `${indicator.name}: ${a.latest.value} in ${a.latest.periodLabel}`,
      detail: `${said.join(', ')}; lead agency ${agencyShortName(indicator.leadAgency)}`,
    });
  }
  return entries;
}

/** Plan items whose latest status is at risk or off track, with their plan, number and owner. */
export async function planItemsAtRisk(db: Kysely<DB>): Promise<AgendaEntry[]> {
  const rows = await db
    .selectFrom('plan_item')
    .innerJoin('plan', 'plan.id', 'plan_item.plan_id')
    .innerJoin('plan_item_status as s', 's.item_id', 'plan_item.id')
    .select((eb) => [
      'plan.title',
      'plan_item.number',
      'plan_item.owner_person',
      'plan_item.owner_agency',
      's.status',
      's.reason',
      eb
        .selectFrom('plan_item_wording as w')
        .select('w.wording')
        .whereRef('w.item_id', '=', 'plan_item.id')
        .orderBy('w.version', 'desc')
        .limit(1)
        .as('wording'),
    ])
    .where((eb) =>
      eb(
        's.id',
        '=',
        eb
          .selectFrom('plan_item_status as l')
          .select((x) => x.fn.max('l.id').as('id'))
          .whereRef('l.item_id', '=', 'plan_item.id'),
      ),
    )
    .where('s.status', 'in', ['at risk', 'off track'])
    .orderBy('plan.title')
    .orderBy('plan_item.position')
    .execute();
  return rows.map((r) => {
    const owner = [r.owner_person, r.owner_agency ? agencyShortName(r.owner_agency) : null].filter(Boolean).join(', ');
    return {
      text: `${r.title}, item ${r.number ?? '(unnumbered)'}: ${(r.wording ?? '').split('\n')[0]}`,
      detail: `${r.status}: ${r.reason}. Owner: ${owner || 'not assigned'}`,
    };
  });
}

/** Open actions arising from earlier meetings of the board, carried forward until closed. */
export async function carriedActions(
  db: Kysely<DB>,
  meeting: { id: number; boardId: number; startsAt: Date },
): Promise<AgendaEntry[]> {
  const actions = await actionsForMeeting(db, meeting);
  return actions
    .filter((a) => a.carriedForwardFrom !== null && a.status === 'open')
    .map((a) => ({
      text: a.text,
      detail: [
        `Owner: ${a.ownerName}${a.ownerAgency ? ` (${agencyShortName(a.ownerAgency)})` : ''}`,
        a.dueOn ? `due ${describeDate(a.dueOn)}` : 'no due date',
        `carried forward from ${describeDate(a.carriedForwardFrom as string)}`,
      ].join('; '),
    }));
}

export async function agendaContent(
  db: Kysely<DB>,
  source: StandingItemSource,
  meeting: { id: number; boardId: number; startsAt: Date },
  today: string,
): Promise<AgendaEntry[]> {
  switch (source) {
    case 'performance-exceptions':
      return performanceExceptions(db, today);
    case 'plan-items-at-risk':
      return planItemsAtRisk(db);
    case 'actions-arising':
      return carriedActions(db, meeting);
    case 'register-summary':
      return registersSince(db, meeting, today);
    case 'fixed':
      return [];
  }
}
