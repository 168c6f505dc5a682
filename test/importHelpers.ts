import { sql } from 'kysely';
import type { Database } from '../src/db/createDatabase.ts';
import { refreshAggregatesForBatch } from '../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { importFile, type FileImportResult, type RefreshAggregates } from '../src/ingest/importFile.ts';
import type { ImportOptions } from '../src/ingest/layout.ts';

/** The aggregate refresh test imports are wired with (importFile's port), as the product wires it. */
export const refreshAggregates: RefreshAggregates = refreshAggregatesForBatch;

export async function importForTest(
  database: Database,
  path: string,
  options: Partial<ImportOptions> = {},
): Promise<FileImportResult> {
  return importFile(database, path, { importedBy: 'test', refreshAggregates, ...options });
}

/**
 * Sum of current (or as-of) monthly counts for an area and month range, read
 * straight from the tables: an independent check on what importers stored.
 */
export async function sumCounts(
  database: Database,
  q: { seriesPrefix: string; areaCode: string; from: string; to: string; asOf?: string; major?: string },
): Promise<number> {
  const asOf = q.asOf ?? null;
  const { rows } = await sql<{ total: number | null }>`
    SELECT sum(c.value)::int8 AS total
    FROM crime_count c
    JOIN count_slice s ON s.id = c.slice_id
    JOIN offence_category oc ON oc.id = c.category_id
    LEFT JOIN import_batch sb ON sb.id = s.superseded_by
    WHERE s.series LIKE ${`${q.seriesPrefix}%`} AND s.area_code = ${q.areaCode}
      AND s.month BETWEEN ${q.from}::date AND ${q.to}::date
      AND (${q.major ?? null}::text IS NULL OR upper(oc.major) = upper(${q.major ?? null}::text))
      AND (CASE WHEN ${asOf}::date IS NULL THEN s.superseded_by IS NULL
                ELSE s.extract_date <= ${asOf}::date AND (s.superseded_by IS NULL OR sb.extract_date > ${asOf}::date) END)`.execute(
    database.db,
  );
  return Number(rows[0]?.total ?? 0);
}

export async function tableCounts(database: Database, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM ${sql.table(t)}`.execute(database.db);
    out[t] = Number(rows[0]?.n ?? 0);
  }
  return out;
}

/** Tower Hamlets' 20 wards since 2014 (E05009317–E05009336), as the MPS ward files code them. */
export const TOWER_HAMLETS_WARDS = Array.from({ length: 20 }, (_, i) => `E05009${317 + i}`);

/** Sum of current (or as-of) MPS ward counts over Tower Hamlets' wards for a month range. */
export async function sumTowerHamletsWards(
  database: Database,
  q: { from: string; to: string; asOf?: string },
): Promise<number> {
  let total = 0;
  for (const areaCode of TOWER_HAMLETS_WARDS)
    total += await sumCounts(database, { seriesPrefix: 'mps-ward', areaCode, ...q });
  return total;
}
