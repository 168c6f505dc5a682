import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Classification } from '../../db/tables/core.ts';
import type {
  ReportCommentTable,
  ReportEdition,
  ReportPublicationTable,
  ReportRecommendationTable,
  ReportStatus,
  ReportTable,
  ReportTransitionTable,
  ReportVersionTable,
} from '../../db/tables/reports.ts';
import type { BuiltReport } from '../builtReport.ts';
import { builtReportSchema } from './builtReportSchema.ts';
import { ReportError } from './reportPolicy.ts';

/*
 * What the workflow hands out: rows in the names the rest of the code uses, jsonb checked with zod on the way
 * out of the database (a row is only as trustworthy as the code that wrote it, which may be an older version).
 */

/** A report's narrative: markdown per template block id. */
export type Narrative = Record<string, string>;

export const narrativeSchema = z.record(z.string().min(1), z.string());
/** Narrative handed in by a caller (a form, the API): refused in words naming the block, not with zod's report. */
export function narrativeInput(value: unknown): Narrative {
  const parsed = narrativeSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const block = parsed.error.issues[0]?.path[0];
  throw new ReportError(
    'VALIDATION',
    block === undefined
      ? 'the narrative must give markdown per block'
      : `block '${String(block)}': the text must be markdown`,
  );
}

/** Per-block "as of" dates of a publication. */
export const asOfSchema = z.record(z.string().min(1), z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

export interface ReportSummary {
  id: number;
  title: string;
  templateId: string;
  templateVersion: number;
  areaCode: string;
  period: string;
  compare: string | null;
  status: ReportStatus;
  owningAgency: string;
  classification: Classification;
  createdBy: number;
  createdAt: Date;
  updatedAt: Date;
  currentVersion: number;
}

export interface ReportVersion {
  version: number;
  narrative: Narrative;
  changedBy: number;
  changedAt: Date;
  note: string;
}

export interface ReportComment {
  id: number;
  version: number;
  blockId: string;
  author: number;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: number | null;
}

export interface ReportTransition {
  from: ReportStatus | null;
  to: ReportStatus;
  by: number;
  at: Date;
  reason: string;
}

export interface ReportPublication {
  edition: ReportEdition;
  version: number;
  built: BuiltReport;
  asOf: Record<string, string>;
  publishedBy: number;
  publishedAt: Date;
}

export const toSummary = (r: Selectable<ReportTable>): ReportSummary => ({
  id: r.id,
  title: r.title,
  templateId: r.template_id,
  templateVersion: r.template_version,
  areaCode: r.area_code,
  period: r.period,
  compare: r.compare,
  status: r.status,
  owningAgency: r.owning_agency,
  classification: r.classification,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  currentVersion: r.current_version,
});

export const toVersion = (v: Selectable<ReportVersionTable>): ReportVersion => ({
  version: v.version,
  narrative: narrativeSchema.parse(v.narrative),
  changedBy: v.changed_by,
  changedAt: v.changed_at,
  note: v.note,
});

export const toComment = (c: Selectable<ReportCommentTable>): ReportComment => ({
  id: c.id,
  version: c.version,
  blockId: c.block_id,
  author: c.author,
  body: c.body,
  createdAt: c.created_at,
  resolvedAt: c.resolved_at,
  resolvedBy: c.resolved_by,
});

export const toTransition = (t: Selectable<ReportTransitionTable>): ReportTransition => ({
  from: t.from_status,
  to: t.to_status,
  by: t.by,
  at: t.at,
  reason: t.reason,
});

export const toPublication = (p: Selectable<ReportPublicationTable>): ReportPublication => ({
  edition: p.edition,
  version: p.version,
  built: builtReportSchema.parse(p.built),
  asOf: asOfSchema.parse(p.as_of),
  publishedBy: p.published_by,
  publishedAt: p.published_at,
});

/** One recommendation of a published report, as the delivery plan refers to it: report and number. */
export interface ReportRecommendation {
  number: number;
  theme: string;
  text: string;
  blockId: string;
  publishedVersion: number;
  createdAt: Date;
}

export const toRecommendation = (r: Selectable<ReportRecommendationTable>): ReportRecommendation => ({
  number: r.number,
  theme: r.theme,
  text: r.text,
  blockId: r.block_id,
  publishedVersion: r.published_version,
  createdAt: r.created_at,
});
