import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nestItems } from './itemTree.ts';
import { currentWording, latestUpdateText } from './itemColumns.ts';

/* Reading plans: the list, and one plan as themes → items → sub-items with the wording and update in force. */

export interface PlanSummary {
  id: number;
  kind: string;
  title: string;
  ownerAgency: string | null;
  period: string | null;
  round: number;
  themes: number;
  items: number;
  createdAt: string;
}

export interface PlanItemView {
  number: string | null;
  kind: 'core' | 'optional' | 'emerging';
  wording: string;
  update: string;
  children: PlanItemView[];
}

export interface PlanView {
  id: number;
  kind: string;
  title: string;
  themes: { number: string | null; title: string; items: PlanItemView[] }[];
}

export async function listPlans(db: Kysely<DB>): Promise<PlanSummary[]> {
  const rows = await db
    .selectFrom('plan as p')
    .select(['p.id', 'p.kind', 'p.title', 'p.owner_agency', 'p.period', 'p.round', 'p.created_at'])
    .select((eb) => [
      eb
        .selectFrom('plan_theme')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('plan_id', '=', 'p.id')
        .as('themes'),
      eb.selectFrom('plan_item').select(eb.fn.countAll<number>().as('n')).whereRef('plan_id', '=', 'p.id').as('items'),
    ])
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    ownerAgency: r.owner_agency,
    period: r.period,
    round: r.round,
    themes: Number(r.themes ?? 0),
    items: Number(r.items ?? 0),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** The plan with each item's latest wording and latest update, or undefined when there is no such plan. */
export async function planView(db: Kysely<DB>, planId: number): Promise<PlanView | undefined> {
  const plan = await db.selectFrom('plan').select(['id', 'kind', 'title']).where('id', '=', planId).executeTakeFirst();
  if (!plan) return undefined;
  const themes = await db
    .selectFrom('plan_theme')
    .select(['id', 'number', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const items = await db
    .selectFrom('plan_item as i')
    .select(['i.id', 'i.theme_id', 'i.parent_item_id', 'i.number', 'i.category'])
    .select((eb) => [currentWording(eb).as('wording'), latestUpdateText(eb).as('update')])
    .where('i.plan_id', '=', planId)
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
  const byTheme = nestItems(
    items,
    (i): PlanItemView => ({
      number: i.number,
      kind: i.category === 'optional' ? 'optional' : i.category === 'emerging' ? 'emerging' : 'core',
      wording: i.wording ?? '',
      update: i.update ?? '',
      children: [],
    }),
  );
  return {
    id: plan.id,
    kind: plan.kind,
    title: plan.title,
    themes: themes.map((t) => ({ number: t.number, title: t.title, items: byTheme.get(t.id) ?? [] })),
  };
}

/** Each plan's items by the status in force (an item never given one is "not started"): planId → status → count. */
export async function planStatusCounts(db: Kysely<DB>): Promise<Map<number, Record<string, number>>> {
  const rows = await db
    .selectFrom('plan_item as i')
    .select(['i.plan_id'])
    .select((eb) =>
      eb
        .selectFrom('plan_item_status as s')
        .select('s.status')
        .whereRef('s.item_id', '=', 'i.id')
        .orderBy('s.id', 'desc')
        .limit(1)
        .as('status'),
    )
    .execute();
  const counts = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const plan = counts.get(r.plan_id) ?? {};
    const status = r.status ?? 'not started';
    plan[status] = (plan[status] ?? 0) + 1;
    counts.set(r.plan_id, plan);
  }
  return counts;
}

export interface PlanHeader {
  id: number;
  kind: string;
  title: string;
  ownerAgency: string | null;
  period: string | null;
  round: number;
}

export async function planHeader(db: Kysely<DB>, planId: number): Promise<PlanHeader | undefined> {
  const p = await db
    .selectFrom('plan')
    .select(['id', 'kind', 'title', 'owner_agency', 'period', 'round'])
    .where('id', '=', planId)
    .executeTakeFirst();
  return p && { id: p.id, kind: p.kind, title: p.title, ownerAgency: p.owner_agency, period: p.period, round: p.round };
}

/** A plan's themes in order. */
export async function planThemes(db: Kysely<DB>, planId: number) {
  return db
    .selectFrom('plan_theme')
    .select(['id', 'number', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}
