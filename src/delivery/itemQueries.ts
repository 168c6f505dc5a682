import type { Kysely } from 'kysely';
import type { PlanItemCategory, PlanItemStatus } from '../db/tables/delivery.ts';
import type { DB } from '../db/schema.ts';
import { currentStatus, currentWording, lastUpdateOn } from './itemColumns.ts';

/*
 * Reading plan items for the pages: a plan's items as flat rows (with the status and latest update date in force),
 * and one item with its whole history (wordings, statuses, updates with their evidence). The rows' query is shared
 * with "my actions" and the overdue list so all three say the same about an item.
 */

export interface PlanItemRow {
  id: number;
  planId: number;
  planTitle: string;
  themeId: number;
  parentId: number | null;
  number: string | null;
  category: PlanItemCategory;
  wording: string;
  ownerPerson: string | null;
  ownerAgency: string | null;
  /** 'YYYY-MM-DD' */
  dueOn: string | null;
  /** The latest status; 'not started' when none was ever set. */
  status: PlanItemStatus;
  /** The latest update's date, 'YYYY-MM-DD', or null when there is none. */
  lastUpdateOn: string | null;
}

/** Items with their status and latest update in force, narrowed by `where` (plan, owner…), in plan order. */
export function itemRowsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('plan_item as i')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .innerJoin('plan_theme as t', 't.id', 'i.theme_id')
    .select([
      'i.id',
      'i.plan_id',
      'p.title as plan_title',
      'i.theme_id',
      'i.parent_item_id',
      'i.number',
      'i.category',
      'i.owner_person',
      'i.owner_agency',
      'i.due_on',
    ])
    .select((eb) => [
      currentWording(eb).as('wording'),
      currentStatus(eb).as('status'),
      lastUpdateOn(eb).as('last_update_on'),
    ])
    .orderBy('i.plan_id')
    .orderBy('t.position')
    .orderBy('i.position')
    .orderBy('i.id');
}

type RawRow = Awaited<ReturnType<ReturnType<typeof itemRowsQuery>['execute']>>[number];

export const toItemRow = (r: RawRow): PlanItemRow => ({
  id: r.id,
  planId: r.plan_id,
  planTitle: r.plan_title,
  themeId: r.theme_id,
  parentId: r.parent_item_id,
  number: r.number,
  category: r.category,
  wording: r.wording ?? '',
  ownerPerson: r.owner_person,
  ownerAgency: r.owner_agency,
  dueOn: r.due_on === null ? null : String(r.due_on).slice(0, 10),
  status: r.status ?? 'not started',
  lastUpdateOn:
    r.last_update_on === null || r.last_update_on === undefined ? null : String(r.last_update_on).slice(0, 10),
});

export async function planItemRows(db: Kysely<DB>, planId: number): Promise<PlanItemRow[]> {
  return (await itemRowsQuery(db).where('i.plan_id', '=', planId).execute()).map(toItemRow);
}

export interface EvidenceView {
  id: number;
  kind: 'link' | 'file';
  url: string | null;
  fileName: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
}

export interface ItemDetail {
  item: PlanItemRow & { kind: string; themeNumber: string | null; themeTitle: string };
  wordings: {
    version: number;
    oldWording: string | null;
    wording: string;
    importId: number | null;
    by: string;
    at: Date;
  }[];
  statuses: { status: PlanItemStatus; reason: string; by: string; at: Date }[];
  updates: {
    id: number;
    onDate: string;
    body: string;
    importId: number | null;
    by: string;
    at: Date;
    evidence: EvidenceView[];
  }[];
  children: PlanItemRow[];
  parent: PlanItemRow | null;
}

/** One item of one plan with its whole history, newest first; undefined when the plan holds no such item. */
export async function itemDetail(db: Kysely<DB>, planId: number, itemId: number): Promise<ItemDetail | undefined> {
  const rows = (
    await itemRowsQuery(db)
      .select(['i.kind', 't.number as theme_number', 't.title as theme_title'])
      .where('i.plan_id', '=', planId)
      .where((eb) => eb.or([eb('i.id', '=', itemId), eb('i.parent_item_id', '=', itemId)]))
      .execute()
  ).map((r) => ({ ...toItemRow(r), kind: r.kind, themeNumber: r.theme_number, themeTitle: r.theme_title }));
  const item = rows.find((r) => r.id === itemId);
  if (!item) return undefined;
  const parent =
    item.parentId === null
      ? null
      : ((await itemRowsQuery(db).where('i.id', '=', item.parentId).execute()).map(toItemRow)[0] ?? null);
  const wordings = await db
    .selectFrom('plan_item_wording')
    .select(['version', 'old_wording', 'wording', 'import_id', 'changed_by', 'changed_at'])
    .where('item_id', '=', itemId)
    .orderBy('version', 'desc')
    .execute();
  const statuses = await db
    .selectFrom('plan_item_status')
    .select(['status', 'reason', 'changed_by', 'changed_at'])
    .where('item_id', '=', itemId)
    .orderBy('id', 'desc')
    .execute();
  const updates = await db
    .selectFrom('plan_item_update')
    .select(['id', 'on_date', 'body', 'import_id', 'written_by', 'written_at'])
    .where('item_id', '=', itemId)
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const evidence =
    updates.length === 0
      ? []
      : await db
          .selectFrom('plan_update_evidence')
          .select(['id', 'update_id', 'kind', 'url', 'file_name', 'media_type', 'size_bytes', 'sha256'])
          .where(
            'update_id',
            'in',
            updates.map((u) => u.id),
          )
          .orderBy('id')
          .execute();
  return {
    item,
    parent,
    children: rows.filter((r) => r.parentId === itemId),
    wordings: wordings.map((w) => ({
      version: w.version,
      oldWording: w.old_wording,
      wording: w.wording,
      importId: w.import_id,
      by: w.changed_by,
      at: new Date(w.changed_at),
    })),
    statuses: statuses.map((s) => ({
      status: s.status,
      reason: s.reason,
      by: s.changed_by,
      at: new Date(s.changed_at),
    })),
    updates: updates.map((u) => ({
      id: u.id,
      onDate: String(u.on_date).slice(0, 10),
      body: u.body,
      importId: u.import_id,
      by: u.written_by,
      at: new Date(u.written_at),
      evidence: evidence
        .filter((e) => e.update_id === u.id)
        .map((e) => ({
          id: e.id,
          kind: e.kind,
          url: e.url,
          fileName: e.file_name,
          mediaType: e.media_type,
          sizeBytes: e.size_bytes,
          sha256: e.sha256,
        })),
    })),
  };
}
