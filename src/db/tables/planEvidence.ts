import type { ColumnType, Generated } from 'kysely';

/* Evidence on plan updates and reviews of doubtful import matches (migration 0024); both append-only. */

type SetOnce<T> = ColumnType<T, T | undefined, never>;
type WrittenAt = ColumnType<Date, Date | string | undefined, never>;

export type EvidenceKind = 'link' | 'file';
export type ImportReviewDecision = 'same' | 'split';

/** A link or a small file attached to one update; a file's bytes are kept here with their SHA-256. */
export interface PlanUpdateEvidenceTable {
  id: Generated<number>;
  update_id: SetOnce<number>;
  kind: SetOnce<EvidenceKind>;
  url: SetOnce<string | null>;
  file_name: SetOnce<string | null>;
  media_type: SetOnce<string | null>;
  /** bytea: a Buffer (node-postgres) or Uint8Array (PGlite) when read. */
  content: SetOnce<Uint8Array | null>;
  sha256: SetOnce<string | null>;
  size_bytes: SetOnce<number | null>;
  added_by: SetOnce<string>;
  added_at: WrittenAt;
}

/** A partnership manager's decision on one doubtful match of one import. */
export interface PlanImportReviewTable {
  id: Generated<number>;
  import_id: SetOnce<number>;
  item_id: SetOnce<number>;
  decision: SetOnce<ImportReviewDecision>;
  new_item_id: SetOnce<number | null>;
  reviewed_by: SetOnce<string>;
  reviewed_at: WrittenAt;
}

export interface PlanEvidenceTables {
  plan_update_evidence: PlanUpdateEvidenceTable;
  plan_import_review: PlanImportReviewTable;
}
