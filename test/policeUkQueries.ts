import { sql } from 'kysely';
import type { Database } from '../src/db/createDatabase.ts';

/**
 * Test-only reads straight from the tables: current rows (those in slices
 * not superseded) of a police.uk table, optionally filtered. An independent
 * check on what the importers stored.
 */
export async function countCurrentRows(
  database: Database,
  table: 'police_uk_street' | 'police_uk_outcome' | 'police_uk_stop_search',
  q: {
    series?: string;
    from?: string;
    to?: string;
    crimeType?: string;
    blankCrimeId?: boolean;
    lsoaNamePrefix?: string;
  } = {},
): Promise<number> {
  const crimeType = q.crimeType ?? null;
  const namePrefix = q.lsoaNamePrefix ?? null;
  const nameColumn = table === 'police_uk_stop_search' ? sql.ref('r.lsoa21_name') : sql.ref('r.lsoa_name');
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int8 AS n
    FROM ${sql.table(table)} r
    JOIN count_slice s ON s.id = r.slice_id
    WHERE s.superseded_by IS NULL
      AND (${q.series ?? null}::text IS NULL OR s.series = ${q.series ?? null}::text)
      AND (${q.from ?? null}::date IS NULL OR r.month >= ${q.from ?? null}::date)
      AND (${q.to ?? null}::date IS NULL OR r.month <= ${q.to ?? null}::date)
      AND (${namePrefix}::text IS NULL OR ${nameColumn} LIKE ${namePrefix}::text || '%')
      AND ${
        crimeType === null
          ? sql`true`
          : sql`EXISTS (
        SELECT 1 FROM offence_category oc WHERE oc.id = r.category_id AND oc.classification = 'police_uk' AND oc.major = ${crimeType}::text)`
      }
      AND (${q.blankCrimeId ?? false} = false OR ${table === 'police_uk_stop_search' ? sql`false` : sql`r.crime_id IS NULL`})`.execute(
    database.db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Row counts of every table an import writes, to show a rejected file changed nothing. */
export async function snapshotTables(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'import_batch',
    'count_slice',
    'offence_category',
    'police_uk_label',
    'police_uk_street',
    'police_uk_outcome',
    'police_uk_stop_search',
  ]) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM ${sql.table(t)}`.execute(database.db);
    out[t] = Number(rows[0]?.n ?? 0);
  }
  return out;
}

/** Current outcome slices by kind of area key: a London borough's code, an LSOA's prefix (outside London), or none. */
export async function outcomeSlices(database: Database): Promise<{ total: number; byArea: Record<string, number> }> {
  const { rows } = await sql<{ area_code: string }>`
    SELECT area_code FROM count_slice WHERE series = 'police-uk-outcomes' AND superseded_by IS NULL`.execute(
    database.db,
  );
  const byArea: Record<string, number> = {};
  for (const r of rows) {
    const kind = r.area_code === '' ? 'none' : r.area_code.startsWith('E09') ? r.area_code : r.area_code.slice(0, 3);
    byArea[kind] = (byArea[kind] ?? 0) + 1;
  }
  return { total: rows.length, byArea };
}
