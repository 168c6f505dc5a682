import type { ColumnType, Generated } from 'kysely';

/* Delivery's tables (migration 0021): plans, their themes and items, and each item's append-only history. */

type SetOnce<T> = ColumnType<T, T | undefined, never>;
type WrittenAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: written as JSON text, read back parsed. */
type Json = ColumnType<unknown, string, never>;

export type PlanKind = 'strategy' | 'action-plan' | 'recommendations' | 'vru-return';
export type PlanItemKind = 'priority' | 'recommendation' | 'action';
export type PlanItemCategory = 'core' | 'optional' | 'emerging' | 'new-section';
export type PlanItemStatus = 'not started' | 'on track' | 'at risk' | 'off track' | 'complete' | 'dropped';

/** A strategy, action plan, recommendations list or VRU return; `round` grows with each later round imported. */
export interface PlanTable {
  id: Generated<number>;
  kind: SetOnce<PlanKind>;
  title: string;
  owner_agency: string | null;
  period: string | null;
  round: ColumnType<number, number | undefined, number>;
  source_file_name: string | null;
  source_sha256: string | null;
  created_by: SetOnce<string>;
  created_at: WrittenAt;
}

/** One import of one file into a plan (append-only), with what it could not place and its doubtful matches. */
export interface PlanImportTable {
  id: Generated<number>;
  plan_id: SetOnce<number>;
  kind: SetOnce<PlanKind>;
  round: SetOnce<number>;
  file_name: SetOnce<string>;
  sha256: SetOnce<string>;
  imported_by: SetOnce<string>;
  imported_at: WrittenAt;
  summary: Json;
  unplaced: Json;
  doubtful: Json;
}

/** A theme (or group of recommendations); `theme_key` is how a later round finds it again. */
export interface PlanThemeTable {
  id: Generated<number>;
  plan_id: SetOnce<number>;
  theme_key: SetOnce<string>;
  number: string | null;
  title: string;
  description: string;
  position: number;
}

/** A priority, recommendation or action; numbers as written. Wording, updates and status live in their histories. */
export interface PlanItemTable {
  id: Generated<number>;
  plan_id: SetOnce<number>;
  theme_id: SetOnce<number>;
  parent_item_id: SetOnce<number | null>;
  match_key: SetOnce<string>;
  number: string | null;
  kind: SetOnce<PlanItemKind>;
  category: PlanItemCategory;
  position: number;
  owner_person: string | null;
  owner_agency: string | null;
  /** 'YYYY-MM-DD' */
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: WrittenAt;
}

/** Every wording an item has had (append-only): the words before and after, and which import or person. */
export interface PlanItemWordingTable {
  id: Generated<number>;
  item_id: SetOnce<number>;
  version: SetOnce<number>;
  old_wording: SetOnce<string | null>;
  wording: SetOnce<string>;
  import_id: SetOnce<number | null>;
  changed_by: SetOnce<string>;
  changed_at: WrittenAt;
}

/** A dated progress update on an item (append-only). */
export interface PlanItemUpdateTable {
  id: Generated<number>;
  item_id: SetOnce<number>;
  /** 'YYYY-MM-DD' */
  on_date: SetOnce<string>;
  body: SetOnce<string>;
  import_id: SetOnce<number | null>;
  written_by: SetOnce<string>;
  written_at: WrittenAt;
}

/** An item's status with the reason for it (append-only; none yet means not started). */
export interface PlanItemStatusTable {
  id: Generated<number>;
  item_id: SetOnce<number>;
  status: SetOnce<PlanItemStatus>;
  reason: SetOnce<string>;
  changed_by: SetOnce<string>;
  changed_at: WrittenAt;
}

export interface DeliveryTables {
  plan: PlanTable;
  plan_import: PlanImportTable;
  plan_theme: PlanThemeTable;
  plan_item: PlanItemTable;
  plan_item_wording: PlanItemWordingTable;
  plan_item_update: PlanItemUpdateTable;
  plan_item_status: PlanItemStatusTable;
}
