import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TargetArea } from './areas.ts';

/** Census 2021 usual residents by age (TS007A) — the default denominator. */
export const DEFAULT_POPULATION = 'census2021-ts007a';
export const ETHNICITY_POPULATION = 'census2021-ts021';

export const POPULATION_LABELS: Record<string, string> = {
  'census2021-ts007a': 'Census 2021 usual residents (TS007A)',
  'census2021-ts021': 'Census 2021 usual residents by ethnic group (TS021)',
};

/** The 2021 LSOAs making up an area, from the ONS lookups (and the MPS LSOA file's own parents). */
function lsoasIn(target: TargetArea): RawBuilder<unknown> {
  switch (target.type) {
    case 'lsoa':
      return sql`SELECT ${target.code}::text`;
    case 'ward':
      return sql`SELECT from_code FROM area_lookup WHERE relation LIKE 'lsoa21_to_ward%' AND to_code = ${target.code}`;
    case 'borough':
      return sql`SELECT area_code FROM area_vintage WHERE type = 'lsoa' AND vintage = '2021' AND parent_code = ${target.code}`;
    case 'region':
      return sql`SELECT area_code FROM area_vintage WHERE type = 'lsoa' AND vintage = '2021' AND parent_code LIKE 'E09%'`;
  }
}

export interface PopulationFilter {
  source?: string;
  ethnicGroup?: string;
  ageBands?: readonly string[];
  sex?: 'all' | 'female' | 'male';
}

function filters(f: PopulationFilter): RawBuilder<boolean> {
  const bands =
    f.ageBands && f.ageBands.length > 0
      ? sql<boolean>`p.age_band IN (${sql.join([...f.ageBands])})`
      : sql<boolean>`p.age_band = 'all'`;
  return sql<boolean>`p.source = ${f.source ?? DEFAULT_POPULATION} AND p.sex = ${f.sex ?? 'all'} AND p.ethnic_group = ${f.ethnicGroup ?? 'all'} AND ${bands}`;
}

/** Residents of an area; 0 when the population or the lookups placing its LSOAs are not imported. */
export async function populationOf(db: Kysely<DB>, target: TargetArea, f: PopulationFilter = {}): Promise<number> {
  const { rows } = await sql<{ total: string | number | null }>`
    SELECT sum(p.value)::int8 AS total FROM population p
    WHERE ${filters(f)} AND p.area_code IN (${lsoasIn(target)})`.execute(db);
  return Number(rows[0]?.total ?? 0);
}

/** Residents by group value (ethnic group or age band) in an area. */
export async function populationByGroup(
  db: Kysely<DB>,
  target: TargetArea,
  column: 'ethnic_group' | 'age_band',
  f: PopulationFilter,
): Promise<Map<string, number>> {
  const { rows } = await sql<{ grp: string; total: string | number }>`
    SELECT ${sql.ref(`p.${column}`)} AS grp, sum(p.value)::int8 AS total FROM population p
    WHERE p.source = ${f.source ?? DEFAULT_POPULATION} AND p.sex = 'all'
      AND ${column === 'ethnic_group' ? sql`p.age_band = 'all'` : sql`p.ethnic_group = 'all'`}
      AND p.area_code IN (${lsoasIn(target)})
    GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.grp, Number(r.total)]));
}

/** Residents of every London borough, for rankings. */
export async function populationByBorough(db: Kysely<DB>, f: PopulationFilter = {}): Promise<Map<string, number>> {
  const { rows } = await sql<{ borough: string; total: string | number }>`
    SELECT v.parent_code AS borough, sum(p.value)::int8 AS total
    FROM population p JOIN area_vintage v ON v.area_code = p.area_code AND v.type = 'lsoa' AND v.vintage = '2021'
    WHERE ${filters(f)} AND v.parent_code LIKE 'E09%'
    GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.borough, Number(r.total)]));
}
