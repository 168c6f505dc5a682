import type { Kysely } from 'kysely';
import type { ImportReviewDecision } from '../db/tables/planEvidence.ts';
import type { DB } from '../db/schema.ts';
import type { DoubtfulMatch } from './import/planDiff.ts';
import type { UnplacedLine } from './import/parsedPlan.ts';

/* A plan's imports, and one import as its review page shows it: the lines not placed and the doubtful matches. */

export interface ImportSummary {
  id: number;
  round: number;
  fileName: string;
  importedBy: string;
  importedAt: Date;
  unplaced: number;
  doubtful: number;
  reviewed: number;
}

export async function planImports(db: Kysely<DB>, planId: number): Promise<ImportSummary[]> {
  const rows = await db
    .selectFrom('plan_import as m')
    .select(['m.id', 'm.round', 'm.file_name', 'm.imported_by', 'm.imported_at', 'm.unplaced', 'm.doubtful'])
    .select((eb) =>
      eb
        .selectFrom('plan_import_review as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.import_id', '=', 'm.id')
        .as('reviewed'),
    )
    .where('m.plan_id', '=', planId)
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    round: r.round,
    fileName: r.file_name,
    importedBy: r.imported_by,
    importedAt: new Date(r.imported_at),
    unplaced: (r.unplaced as UnplacedLine[]).length,
    doubtful: (r.doubtful as DoubtfulMatch[]).length,
    reviewed: Number(r.reviewed ?? 0),
  }));
}

export interface ImportDetail extends Omit<ImportSummary, 'unplaced' | 'doubtful'> {
  planId: number;
  unplaced: UnplacedLine[];
  doubtful: (DoubtfulMatch & {
    review: { decision: ImportReviewDecision; newItemId: number | null; by: string; at: Date } | null;
  })[];
}

export async function importDetail(
  db: Kysely<DB>,
  planId: number,
  importId: number,
): Promise<ImportDetail | undefined> {
  const m = await db
    .selectFrom('plan_import')
    .select(['id', 'plan_id', 'round', 'file_name', 'imported_by', 'imported_at', 'unplaced', 'doubtful'])
    .where('id', '=', importId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!m) return undefined;
  const reviews = await db
    .selectFrom('plan_import_review')
    .select(['item_id', 'decision', 'new_item_id', 'reviewed_by', 'reviewed_at'])
    .where('import_id', '=', importId)
    .execute();
  return {
    id: m.id,
    planId: m.plan_id,
    round: m.round,
    fileName: m.file_name,
    importedBy: m.imported_by,
    importedAt: new Date(m.imported_at),
    reviewed: reviews.length,
    unplaced: m.unplaced as UnplacedLine[],
    doubtful: (m.doubtful as DoubtfulMatch[]).map((d) => {
      const r = reviews.find((x) => x.item_id === d.itemId);
      return {
        ...d,
        review: r
          ? { decision: r.decision, newItemId: r.new_item_id, by: r.reviewed_by, at: new Date(r.reviewed_at) }
          : null,
      };
    }),
  };
}
