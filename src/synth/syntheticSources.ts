import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Ethnicity } from '../ingest/partner/partnerVocabulary.ts';
import type { CountCell } from './policeRecordGenerator.ts';

/** The series the calibration reads: MPS ward counts in the Home Office aligned classification. */
export const CALIBRATION_SERIES = 'mps-ward/ho_aligned';

/** A borough by GSS code or name (any case). */
export async function findBorough(db: Kysely<DB>, nameOrCode: string): Promise<{ code: string; name: string } | null> {
  const text = nameOrCode.trim();
  const row = await db
    .selectFrom('area')
    .select(['code', 'name'])
    .where('type', '=', 'borough')
    .where((eb) => eb.or([eb('code', '=', text.toUpperCase()), eb(eb.fn('lower', ['name']), '=', text.toLowerCase())]))
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The current MPS ward counts for a borough's wards, month by month
 * ('YYYY-MM' inclusive), in a fixed order so that a seed gives the same file.
 */
export async function readWardMonthlyCounts(
  db: Kysely<DB>,
  boroughCode: string,
  from: string,
  to: string,
): Promise<CountCell[]> {
  // The ward list first: a join on area.parent_code misleads the planner on freshly
  // loaded tables (no statistics yet) into a nested loop that took 40 s on PGlite.
  const wards = [...(await readWardNames(db, boroughCode)).keys()];
  if (wards.length === 0) return [];
  const { rows } = await sql<{ month: string; ward_code: string; major: string; minor: string; count: number }>`
    SELECT to_char(s.month, 'YYYY-MM') AS month, s.area_code AS ward_code, oc.major, oc.minor, sum(c.value)::int AS count
    FROM count_slice s
    JOIN crime_count c ON c.slice_id = s.id
    JOIN offence_category oc ON oc.id = c.category_id
    WHERE s.series = ${CALIBRATION_SERIES} AND s.superseded_by IS NULL AND s.area_code IN (${sql.join(wards)})
      AND c.measure = 'offences' AND s.month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date
    GROUP BY 1, 2, 3, 4
    HAVING sum(c.value) > 0`.execute(db);
  // Sorted here by code point, not by the server's collation, so both engines give the same order (and bytes).
  const key = (c: CountCell) => `${c.month}\u0000${c.wardCode}\u0000${c.major}\u0000${c.minor}`;
  return rows
    .map((r) => ({ month: r.month, wardCode: r.ward_code, major: r.major, minor: r.minor, count: Number(r.count) }))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export async function readWardNames(db: Kysely<DB>, boroughCode: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('area')
    .select(['code', 'name'])
    .where('type', '=', 'ward')
    .where('parent_code', '=', boroughCode)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * The borough's Census 2021 broad ethnic groups (TS021, summed over its LSOAs)
 * when that table has been imported; null otherwise.
 */
export async function readCensusEthnicity(
  db: Kysely<DB>,
  boroughCode: string,
): Promise<Record<Exclude<Ethnicity, 'not_stated'>, number> | null> {
  const { rows } = await sql<{ ethnic_group: string; n: number }>`
    SELECT p.ethnic_group, sum(p.value)::int8 AS n
    FROM population p
    WHERE p.source = 'census2021-ts021' AND p.ethnic_group IN ('asian', 'black', 'mixed', 'white', 'other')
      AND p.area_code IN (SELECT code FROM area WHERE type = 'lsoa' AND parent_code = ${boroughCode}
                          UNION SELECT area_code FROM area_vintage WHERE type = 'lsoa' AND vintage = '2021' AND parent_code = ${boroughCode})
    GROUP BY p.ethnic_group`.execute(db);
  if (rows.length !== 5) return null;
  const shares = Object.fromEntries(rows.map((r) => [r.ethnic_group, Number(r.n)]));
  return {
    asian: shares.asian!,
    black: shares.black!,
    mixed: shares.mixed!,
    white: shares.white!,
    other: shares.other!,
  };
}
