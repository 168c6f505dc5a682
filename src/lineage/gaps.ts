import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { PlanItemKind } from '../db/tables/delivery.ts';
import { currentIndicators } from '../performance/store/indicatorStore.ts';
import { activeLinks } from './activeLinks.ts';
import { currentStatus, currentWording } from '../delivery/itemColumns.ts';

/*
 * The gaps in the thread: recommendations no action is linked to, actions with no owner or past their due date and
 * still open, and indicators no action is meant to move. Read in a few queries and joined here: lineage refs are
 * text and plan ids integers, and the lists are small (a plan has hundreds of items, not millions).
 */

export interface GapItem {
  id: number;
  planId: number;
  plan: string;
  theme: string;
  number: string | null;
  wording: string;
  ownerPerson: string | null;
  ownerAgency: string | null;
  dueOn: string | null;
  status: string;
}

export interface ActionGap extends GapItem {
  noOwner: boolean;
  overdue: boolean;
}

export interface Gaps {
  recommendationsWithoutAction: GapItem[];
  actionsWithoutOwnerOrOverdue: ActionGap[];
  indicatorsWithoutAction: { id: string; name: string }[];
}

const CLOSED = new Set(['complete', 'dropped']);

async function itemsOfKind(
  db: Kysely<DB>,
  kinds: readonly PlanItemKind[],
): Promise<(GapItem & { kind: PlanItemKind })[]> {
  const rows = await db
    .selectFrom('plan_item as i')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .innerJoin('plan_theme as t', 't.id', 'i.theme_id')
    .select(['i.id', 'i.plan_id', 'i.number', 'i.kind', 'i.owner_person', 'i.owner_agency', 'i.due_on'])
    .select(['p.title as plan', 't.title as theme'])
    .select((eb) => [currentWording(eb).as('wording'), currentStatus(eb).as('status')])
    .where('i.kind', 'in', kinds)
    .orderBy('i.plan_id')
    .orderBy('t.position')
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    planId: r.plan_id,
    plan: r.plan,
    theme: r.theme,
    number: r.number,
    wording: r.wording ?? '',
    ownerPerson: r.owner_person,
    ownerAgency: r.owner_agency,
    dueOn: r.due_on,
    status: r.status ?? 'not started',
  }));
}

/** `today` as 'YYYY-MM-DD': an action due before it and neither complete nor dropped is overdue. */
export async function lineageGaps(db: Kysely<DB>, today: string): Promise<Gaps> {
  const items = await itemsOfKind(db, ['recommendation', 'action']);
  const kindOf = new Map(items.map((i) => [String(i.id), i.kind]));
  const links = await activeLinks(db);
  const fromAction = (ref: string) => kindOf.get(ref) === 'action';
  const withAction = new Set(
    links
      .filter((l) => l.from.kind === 'plan-item' && l.to.kind === 'plan-item' && kindOf.get(l.to.ref) === 'action')
      .map((l) => l.from.ref),
  );
  const moved = new Set(
    links
      .filter((l) => l.from.kind === 'plan-item' && l.to.kind === 'indicator' && fromAction(l.from.ref))
      .map((l) => l.to.ref),
  );
  const strip = ({ kind: _kind, ...item }: GapItem & { kind: PlanItemKind }): GapItem => item;
  const actions = items
    .filter((i) => i.kind === 'action')
    .map((i) => ({
      ...strip(i),
      noOwner: i.ownerPerson === null && i.ownerAgency === null,
      overdue: i.dueOn !== null && i.dueOn < today && !CLOSED.has(i.status),
    }))
    .filter((a) => a.noOwner || a.overdue);
  const indicators = (await currentIndicators(db)).map((s) => s.indicator);
  return {
    recommendationsWithoutAction: items
      .filter((i) => i.kind === 'recommendation' && !withAction.has(String(i.id)))
      .map(strip),
    actionsWithoutOwnerOrOverdue: actions,
    indicatorsWithoutAction: indicators.filter((i) => !moved.has(i.id)).map((i) => ({ id: i.id, name: i.name })),
  };
}
