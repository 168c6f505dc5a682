import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';

/**
 * Everything stored for current police.uk street slices, without ids, as digests: two ways of importing
 * the same file (byte and string paths, in-process and on a worker) must give equal values.
 */
export async function storedStreetRecords(
  db: Kysely<DB>,
): Promise<{ rows: string; slices: string; points: string; n: number }> {
  const { rows } = await sql<{ rows: string; slices: string; points: string; n: number }>`
    SELECT
      (SELECT md5(string_agg(concat_ws('|', p.crime_id, p.month, rb.label, fw.label, p.longitude::text, p.latitude::text, p.location, p.lsoa_code,
          p.lsoa_name, p.category_id, lo.label, p.context), E'\\n'
          ORDER BY p.crime_id, p.month, p.location, p.longitude, p.latitude, p.lsoa_code, lo.label))
        FROM police_uk_street p JOIN count_slice s ON s.id = p.slice_id
          JOIN police_uk_label rb ON rb.id = p.reported_by_id JOIN police_uk_label fw ON fw.id = p.falls_within_id
          JOIN police_uk_label lo ON lo.id = p.last_outcome_id
        WHERE s.superseded_by IS NULL) AS rows,
      (SELECT md5(string_agg(concat_ws('|', area_code, month, scope, content_hash, row_count), E'\\n' ORDER BY area_code, month, scope))
        FROM count_slice WHERE series = 'police-uk-street' AND superseded_by IS NULL) AS slices,
      (SELECT md5(string_agg(g, E'\\n' ORDER BY g)) FROM (
        SELECT concat_ws('|', s.area_code, s.month, s.scope, a.category_id, a.lsoa_code, a.longitude::text, a.latitude::text, sum(a.n)) AS g
        FROM agg_police_uk_street a JOIN count_slice s ON s.id = a.slice_id WHERE s.superseded_by IS NULL
        GROUP BY s.area_code, s.month, s.scope, a.category_id, a.lsoa_code, a.longitude, a.latitude) x) AS points,
      (SELECT count(*)::int8 FROM police_uk_street) AS n`.execute(db);
  return { ...rows[0]!, n: Number(rows[0]!.n) };
}
