import type { Kysely } from 'kysely';
import type { PlanItemCategory, PlanItemKind, PlanItemStatus, PlanKind } from '../../db/tables/delivery.ts';
import type { DB } from '../../db/schema.ts';
import { currentWording } from '../itemColumns.ts';
import { nestItems } from '../itemTree.ts';

/*
 * One plan with everything a person working on it sees: per item its kind and category, owner, due date, the
 * status in force with its reason, and the latest dated update. The template, the plan report and the reminders
 * read this; planView (planQueries.ts) stays the small shape `safer plans show --json` promises.
 */

export interface ItemDetail {
  id: number;
  number: string | null;
  kind: PlanItemKind;
  category: PlanItemCategory;
  wording: string;
  ownerPerson: string | null;
  ownerAgency: string | null;
  /** 'YYYY-MM-DD' */
  dueOn: string | null;
  /** The latest status and its reason; null when none was ever set (not started). */
  status: { status: PlanItemStatus; reason: string; changedAt: string } | null;
  /** The latest update; null when there is none. */
  update: { body: string; onDate: string } | null;
  children: ItemDetail[];
}

export interface ThemeDetail {
  id: number;
  number: string | null;
  title: string;
  items: ItemDetail[];
}

export interface PlanDetail {
  id: number;
  kind: PlanKind;
  title: string;
  ownerAgency: string | null;
  period: string | null;
  round: number;
  sourceFileName: string | null;
  createdAt: string;
  /** The latest import of this plan: its file, round and date; null for a plan never imported. */
  lastImport: { fileName: string; round: number; importedAt: string } | null;
  themes: ThemeDetail[];
}

const iso = (d: Date | string) => new Date(d).toISOString();

export async function planDetail(db: Kysely<DB>, planId: number): Promise<PlanDetail | undefined> {
  const plan = await db.selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) return undefined;
  const lastImport = await db
    .selectFrom('plan_import')
    .select(['file_name', 'round', 'imported_at'])
    .where('plan_id', '=', planId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const themes = await db
    .selectFrom('plan_theme')
    .select(['id', 'number', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const items = await db
    .selectFrom('plan_item as i')
    .select([
      'i.id',
      'i.theme_id',
      'i.parent_item_id',
      'i.number',
      'i.kind',
      'i.category',
      'i.owner_person',
      'i.owner_agency',
      'i.due_on',
    ])
    .select((eb) => [currentWording(eb).as('wording')])
    .where('i.plan_id', '=', planId)
    .orderBy('i.position')
    .orderBy('i.id')
    .execute();
  const ids = items.map((i) => i.id);
  const statuses = await latestStatuses(db, ids);
  const updates = await latestUpdates(db, ids);
  const byTheme = nestItems(
    items,
    (i): ItemDetail => ({
      id: i.id,
      number: i.number,
      kind: i.kind,
      category: i.category,
      wording: i.wording ?? '',
      ownerPerson: i.owner_person,
      ownerAgency: i.owner_agency,
      dueOn: i.due_on === null ? null : String(i.due_on).slice(0, 10),
      status: statuses.get(i.id) ?? null,
      update: updates.get(i.id) ?? null,
      children: [],
    }),
  );
  return {
    id: plan.id,
    kind: plan.kind,
    title: plan.title,
    ownerAgency: plan.owner_agency,
    period: plan.period,
    round: plan.round,
    sourceFileName: plan.source_file_name,
    createdAt: iso(plan.created_at),
    lastImport: lastImport
      ? { fileName: lastImport.file_name, round: lastImport.round, importedAt: iso(lastImport.imported_at) }
      : null,
    themes: themes.map((t) => ({ id: t.id, number: t.number, title: t.title, items: byTheme.get(t.id) ?? [] })),
  };
}

async function latestStatuses(db: Kysely<DB>, ids: number[]) {
  const out = new Map<number, NonNullable<ItemDetail['status']>>();
  if (ids.length === 0) return out;
  // Ascending by id: the last row written for an item wins.
  const rows = await db
    .selectFrom('plan_item_status')
    .select(['item_id', 'status', 'reason', 'changed_at'])
    .where('item_id', 'in', ids)
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.item_id, { status: r.status, reason: r.reason, changedAt: iso(r.changed_at) });
  return out;
}

async function latestUpdates(db: Kysely<DB>, ids: number[]) {
  const out = new Map<number, NonNullable<ItemDetail['update']>>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('plan_item_update')
    .select(['item_id', 'body', 'on_date'])
    .where('item_id', 'in', ids)
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.item_id, { body: r.body, onDate: String(r.on_date).slice(0, 10) });
  return out;
}

/** Every item of the plan in reading order (parents before their sub-items), with its theme and depth. */
export function flattenItems(plan: Pick<PlanDetail, 'themes'>) {
  const out: { theme: ThemeDetail; item: ItemDetail; depth: number; parent: ItemDetail | null }[] = [];
  const walk = (theme: ThemeDetail, item: ItemDetail, depth: number, parent: ItemDetail | null) => {
    out.push({ theme, item, depth, parent });
    for (const child of item.children) walk(theme, child, depth + 1, item);
  };
  for (const theme of plan.themes) for (const item of theme.items) walk(theme, item, 0, null);
  return out;
}
