import type { ColumnType, Generated } from 'kysely';

/* Lineage's tables (migration 0023): directed links between findings, plan items, indicators, meetings, decisions. */

type SetOnce<T> = ColumnType<T, T | undefined, never>;
type WrittenAt = ColumnType<Date, Date | string | undefined, never>;

export type LineageKind = 'finding' | 'plan-item' | 'indicator' | 'meeting' | 'decision';

export interface LineageLinkTable {
  id: Generated<number>;
  from_kind: SetOnce<LineageKind>;
  from_ref: SetOnce<string>;
  to_kind: SetOnce<LineageKind>;
  to_ref: SetOnce<string>;
  note: ColumnType<string, string | undefined, never>;
  created_by: SetOnce<string>;
  created_at: WrittenAt;
}

/** A link's removal, with its reason; a link with a removal row is no longer part of the thread. */
export interface LineageLinkRemovalTable {
  link_id: SetOnce<number>;
  reason: SetOnce<string>;
  removed_by: SetOnce<string>;
  removed_at: WrittenAt;
}

export interface LineageTables {
  lineage_link: LineageLinkTable;
  lineage_link_removal: LineageLinkRemovalTable;
}
