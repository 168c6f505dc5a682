import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isoDate, sliceVersion } from './counts.ts';
import type { SourceInfo } from './sources.ts';

/*
 * What a source holds, asked only once a figure has found nothing, to say why (noDataReason.ts). Each
 * question reads slices (count_slice), current or as of a date, as coverage does; none reads records.
 */

/** Months the source holds anywhere ('YYYY-MM', ascending). */
export async function monthsHeld(db: Kysely<DB>, source: SourceInfo, asOf: string | undefined): Promise<string[]> {
  const { rows } = await sql<{ month: string }>`
    SELECT DISTINCT to_char(s.month, 'YYYY-MM') AS month FROM count_slice s
    WHERE s.series LIKE ${source.series} AND ${sliceVersion(asOf)} ORDER BY 1`.execute(db);
  return rows.map((r) => r.month);
}

/** The source's earliest extract date, whatever the as-of date; null when nothing was imported. */
export async function firstExtract(db: Kysely<DB>, source: SourceInfo): Promise<string | null> {
  const { rows } = await sql<{
    first: string | Date | null;
  }>`SELECT min(s.extract_date) AS first FROM count_slice s WHERE s.series LIKE ${source.series}`.execute(db);
  return rows[0]?.first ? isoDate(rows[0].first) : null;
}

/** Whether an LSOA is placed in a local authority by a lookup (area_vintage) or by the file that named it (area). */
const placedInBorough = (code: RawBuilder<string>) => sql<boolean>`(
  EXISTS (SELECT 1 FROM area_vintage v WHERE v.area_code = ${code} AND v.type = 'lsoa' AND v.parent_code IS NOT NULL)
  OR EXISTS (SELECT 1 FROM area a WHERE a.code = ${code} AND a.parent_code IS NOT NULL))`;
const placedInWard = (code: RawBuilder<string>) =>
  sql<boolean>`EXISTS (SELECT 1 FROM area_lookup l WHERE l.relation LIKE 'lsoa21_to_ward%' AND l.from_code = ${code})`;

/** Slices keyed by an LSOA code: police.uk street slices are boroughs in London, LSOAs elsewhere (decision 0004). */
const lsoaSlice = sql<boolean>`(s.area_code LIKE 'E01%' OR s.area_code LIKE 'W01%')`;

/**
 * The LSOAs a source's slices are keyed by, and how many of them no lookup places in a borough (or a ward):
 * figures for a borough (ward) find an LSOA's counts only through that placing.
 */
export async function unplacedLsoas(
  db: Kysely<DB>,
  source: SourceInfo,
  asOf: string | undefined,
  into: 'borough' | 'ward',
): Promise<{ held: number; unplaced: number }> {
  const placed =
    into === 'borough' ? placedInBorough(sql<string>`s.area_code`) : placedInWard(sql<string>`s.area_code`);
  const { rows } = await sql<{ held: number | string; unplaced: number | string }>`
    SELECT count(DISTINCT s.area_code)::int8 AS held, count(DISTINCT s.area_code) FILTER (WHERE NOT ${placed})::int8 AS unplaced
    FROM count_slice s WHERE s.series LIKE ${source.series} AND ${sliceVersion(asOf)} AND ${lsoaSlice}`.execute(db);
  return { held: Number(rows[0]?.held ?? 0), unplaced: Number(rows[0]?.unplaced ?? 0) };
}

/** Whether any LSOA-to-ward lookup was imported (police.uk street records keep their LSOA on each row, not on the slice). */
export async function hasWardLookup(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM area_lookup WHERE relation LIKE 'lsoa21_to_ward%' LIMIT 1`.execute(db);
  return rows.length > 0;
}

/** The borough a slice lies in, read from the slice (and, for partner records, its aggregate rows). */
function sliceBorough(source: SourceInfo): RawBuilder<string> {
  const lsoaParent = sql<string>`coalesce((SELECT max(v.parent_code) FROM area_vintage v WHERE v.type = 'lsoa' AND v.area_code = s.area_code),
    (SELECT a.parent_code FROM area a WHERE a.code = s.area_code))`;
  if (source.id === 'partner-police')
    return sql<string>`(SELECT max(a.borough_code) FROM agg_partner_police_core a WHERE a.slice_id = s.id)`;
  if (source.id === 'police-uk-street')
    return sql<string>`CASE WHEN s.area_code LIKE 'E09%' THEN s.area_code ELSE ${lsoaParent} END`;
  if (source.sliceLevel === 'borough') return sql<string>`s.area_code`;
  if (source.sliceLevel === 'ward') {
    return sql<string>`coalesce((SELECT a.parent_code FROM area a WHERE a.code = s.area_code),
      (SELECT max(v.parent_code) FROM area_vintage v WHERE v.type = 'ward' AND v.area_code = s.area_code))`;
  }
  return lsoaParent;
}

/** The London boroughs (code and name, by name) the source holds any slice in. */
export async function boroughsCovered(
  db: Kysely<DB>,
  source: SourceInfo,
  asOf: string | undefined,
): Promise<{ code: string; name: string }[]> {
  const { rows } = await sql<{ code: string; name: string }>`
    SELECT b.code, b.name FROM area b
    WHERE b.type = 'borough' AND b.code IN (SELECT ${sliceBorough(source)} FROM count_slice s WHERE s.series LIKE ${source.series} AND ${sliceVersion(asOf)})
    ORDER BY b.name`.execute(db);
  return rows;
}
