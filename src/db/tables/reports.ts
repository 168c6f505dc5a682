import type { ColumnType, Generated } from 'kysely';
import type { Classification } from './core.ts';
import type { NullableTimestamp } from './platform.ts';

export type ReportStatus = 'draft' | 'in_review' | 'approved' | 'published';
export type ReportEdition = 'internal' | 'public';

/** Written by the database (or given once) and read back as Date; never changed afterwards. */
type SetOnce<T> = ColumnType<T, T | undefined, never>;
type WrittenAt = ColumnType<Date, Date | string | undefined, never>;

/**
 * jsonb is written as JSON text and read back parsed by both engines. Read as `unknown` on purpose: what comes
 * back is checked with zod (src/reports/workflow/reportRows.ts) before anyone relies on its shape.
 */
type Json = ColumnType<unknown, string, never>;

/** A report made from a template for an area and period (migration 0017). */
export interface ReportTable {
  id: Generated<number>;
  title: string;
  template_id: string;
  template_version: number;
  /** GSS code of the area the report is about. */
  area_code: string;
  /** Period label as the analysis reads it, e.g. '2023/24'. */
  period: string;
  /** The period compared with, when the template compares. */
  compare: string | null;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  owning_agency: string;
  classification: ColumnType<Classification, Classification | undefined, Classification>;
  created_by: number;
  created_at: WrittenAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** The latest report_version.version. */
  current_version: ColumnType<number, number | undefined, number>;
}

/** One save of a report's narrative: the whole narrative { blockId: markdown }. Append-only (a trigger refuses changes). */
export interface ReportVersionTable {
  report_id: SetOnce<number>;
  version: SetOnce<number>;
  narrative: Json;
  changed_by: SetOnce<number>;
  changed_at: WrittenAt;
  note: SetOnce<string>;
}

/** A reviewer's comment on one block of one version. Only its resolution is ever set later. */
export interface ReportCommentTable {
  id: Generated<number>;
  report_id: SetOnce<number>;
  version: SetOnce<number>;
  block_id: SetOnce<string>;
  author: SetOnce<number>;
  body: SetOnce<string>;
  created_at: WrittenAt;
  resolved_at: NullableTimestamp;
  resolved_by: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A published edition: the built report frozen with the "as of" date of each block. Append-only. */
export interface ReportPublicationTable {
  report_id: SetOnce<number>;
  version: SetOnce<number>;
  edition: SetOnce<ReportEdition>;
  /** A BuiltReport (src/reports/builtReport.ts). */
  built: Json;
  /** { blockId: 'YYYY-MM-DD' }. */
  as_of: Json;
  published_by: SetOnce<number>;
  published_at: WrittenAt;
}

/** One change of a report's status; from_status is null on the row recording its creation. */
export interface ReportTransitionTable {
  id: Generated<number>;
  report_id: number;
  from_status: ReportStatus | null;
  to_status: ReportStatus;
  by: number;
  at: WrittenAt;
  reason: ColumnType<string, string | undefined, string>;
}

/**
 * One recommendation of a published report (migration 0018), read from the internal edition's narrative at
 * publication (src/reports/narrative/recommendations.ts). Append-only: the delivery plan tracks it by number.
 */
export interface ReportRecommendationTable {
  report_id: SetOnce<number>;
  /** 1, 2, 3 … through the report, across themes. */
  number: SetOnce<number>;
  theme: SetOnce<string>;
  text: SetOnce<string>;
  block_id: SetOnce<string>;
  /** The narrative version that was published. */
  published_version: SetOnce<number>;
  created_at: WrittenAt;
}

export interface ReportTables {
  report: ReportTable;
  report_version: ReportVersionTable;
  report_comment: ReportCommentTable;
  report_publication: ReportPublicationTable;
  report_transition: ReportTransitionTable;
  report_recommendation: ReportRecommendationTable;
}
