import type { ColumnType, Generated } from 'kysely';

/* The registers' tables (migration 0026): entries of every register, their append-only history, imports,
   named readerships and the partnership's settings per register. */

type SetOnce<T> = ColumnType<T, T | undefined, never>;
type WrittenAt = ColumnType<Date, Date | string | undefined, never>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as JSON text, read back parsed. */
type Json = ColumnType<unknown, string, string>;
type JsonOrNull = ColumnType<unknown, string | null, string | null>;

export type RegisterEntryStatus = 'draft' | 'submitted';
export type RegisterChange = 'created' | 'edited' | 'submitted' | 'imported' | 'personal-removed';

export interface RegisterImportTable {
  id: Generated<number>;
  register_id: SetOnce<string>;
  file_name: SetOnce<string>;
  sha256: SetOnce<string>;
  /** Set by the import's own transaction once its rows are written (they are read and written a batch at a time). */
  row_count: number;
  imported_by: SetOnce<string>;
  imported_at: WrittenAt;
}

/** One entry's current state; `data` non-personal fields, `personal` the personal ones until retention ends. */
export interface RegisterEntryTable {
  id: Generated<number>;
  register_id: SetOnce<string>;
  definition_version: number;
  status: RegisterEntryStatus;
  /** A short human reference, e.g. "WS-2026-0042". */
  reference: string | null;
  owner_agency: string;
  occurred_on: ColumnType<string | null, string | null, string | null>;
  lon: number | null;
  lat: number | null;
  lsoa_code: string | null;
  ward_code: string | null;
  data: Json;
  personal: JsonOrNull;
  personal_removed_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  search_text: string;
  duplicate_key: string | null;
  import_id: number | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: SetOnce<number>;
  created_by_email: SetOnce<string>;
  created_at: WrittenAt;
  updated_at: Stamp;
}

/** Every change to an entry (append-only): non-personal fields as they were, personal field names only. */
export interface RegisterEntryVersionTable {
  id: Generated<number>;
  entry_id: number;
  version: number;
  change: RegisterChange;
  status: RegisterEntryStatus;
  data: Json;
  personal_fields_changed: ColumnType<unknown, string | undefined, never>;
  reason: string | null;
  changed_by: number | null;
  changed_by_email: string;
  changed_at: WrittenAt;
}

export interface RegisterReaderTable {
  register_id: string;
  user_id: number;
  granted_by: string;
  granted_at: WrittenAt;
}

export interface RegisterSettingTable {
  register_id: string;
  show_on_overview: boolean;
  overview_measure: string | null;
  changed_by: string;
  changed_at: Stamp;
}

export interface RegisterTables {
  register_import: RegisterImportTable;
  register_entry: RegisterEntryTable;
  register_entry_version: RegisterEntryVersionTable;
  register_reader: RegisterReaderTable;
  register_setting: RegisterSettingTable;
}
