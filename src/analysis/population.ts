import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TargetArea } from './areas.ts';
import { remembered } from './referenceMemo.ts';

/** Census 2021 usual residents by age (TS007A) — the default denominator. */
export const DEFAULT_POPULATION = 'census2021-ts007a';
export const ETHNICITY_POPULATION = 'census2021-ts021';

export const POPULATION_LABELS: Record<string, string> = {
  'census2021-ts007a': 'Census 2021 usual residents (TS007A)',
  'census2021-ts021': 'Census 2021 usual residents by ethnic group (TS021)',
};

/*
 * Every population figure the product shows is read here: residents of an area, by group within it, and of
 * every London borough. A population row is an LSOA's count (2021 LSOAs) for one source, sex, age band and
 * ethnic group ('all' where the source does not split by it); an area's population is the sum over its LSOAs.
 */

type PopulationRows = ExpressionBuilder<DB, 'population'>;

/** Whether a population row's LSOA lies in the area, by the ONS lookups (and the MPS LSOA file's own parents). */
function inArea(eb: PopulationRows, target: TargetArea): Expression<SqlBool> {
  switch (target.type) {
    case 'lsoa':
      return eb('population.area_code', '=', target.code);
    case 'ward':
      return eb(
        'population.area_code',
        'in',
        eb
          .selectFrom('area_lookup')
          .select('area_lookup.from_code')
          .where('area_lookup.relation', 'like', 'lsoa21_to_ward%')
          .where('area_lookup.to_code', '=', target.code),
      );
    case 'borough':
    case 'region': {
      const lsoas = eb
        .selectFrom('area_vintage')
        .select('area_vintage.area_code')
        .where('area_vintage.type', '=', 'lsoa')
        .where('area_vintage.vintage', '=', '2021');
      return eb(
        'population.area_code',
        'in',
        target.type === 'borough'
          ? lsoas.where('area_vintage.parent_code', '=', target.code)
          : // The region is London: the LSOAs of every London borough (E09).
            lsoas.where('area_vintage.parent_code', 'like', 'E09%'),
      );
    }
  }
}

export interface PopulationFilter {
  source?: string;
  ethnicGroup?: string;
  ageBands?: readonly string[];
  sex?: 'all' | 'female' | 'male';
}

/** The rows of one source counting the filter's sex, ethnic group and age bands ('all' for each not given). */
function matching(eb: PopulationRows, f: PopulationFilter): Expression<SqlBool> {
  return eb.and([
    eb('population.source', '=', f.source ?? DEFAULT_POPULATION),
    eb('population.sex', '=', f.sex ?? 'all'),
    eb('population.ethnic_group', '=', f.ethnicGroup ?? 'all'),
    f.ageBands && f.ageBands.length > 0
      ? eb('population.age_band', 'in', [...f.ageBands])
      : eb('population.age_band', '=', 'all'),
  ]);
}

/** sum(value) as int8, so both engines return the same type whatever the sum's width. */
const total = (eb: PopulationRows) => eb.cast<string | number | null>(eb.fn.sum('population.value'), 'int8');

/** Residents of an area; 0 when the population or the lookups placing its LSOAs are not imported. */
export function populationOf(db: Kysely<DB>, target: TargetArea, f: PopulationFilter = {}): Promise<number> {
  return remembered(db, 'populationOf', JSON.stringify([target, f]), () => lookUpPopulation(db, target, f));
}

async function lookUpPopulation(db: Kysely<DB>, target: TargetArea, f: PopulationFilter): Promise<number> {
  const row = await db
    .selectFrom('population')
    .select((eb) => total(eb).as('total'))
    .where((eb) => eb.and([matching(eb, f), inArea(eb, target)]))
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Residents by group value (ethnic group or age band) in an area, counting the other of the two as 'all'. */
export async function populationByGroup(
  db: Kysely<DB>,
  target: TargetArea,
  column: 'ethnic_group' | 'age_band',
  f: PopulationFilter,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('population')
    .select((eb) => [eb.ref(`population.${column}`).as('grp'), total(eb).as('total')])
    .where('population.source', '=', f.source ?? DEFAULT_POPULATION)
    .where('population.sex', '=', 'all')
    .where(column === 'ethnic_group' ? 'population.age_band' : 'population.ethnic_group', '=', 'all')
    .where((eb) => inArea(eb, target))
    .groupBy(`population.${column}`)
    .execute();
  return new Map(rows.map((r) => [r.grp, Number(r.total)]));
}

/**
 * Residents of every London borough, for rankings: the same for every borough a page is about, so remembered per
 * data version (bench/load's miss mix: 362 runs of 56 ms each in 15 s of place pages before it was).
 */
export async function populationByBorough(db: Kysely<DB>, f: PopulationFilter = {}): Promise<Map<string, number>> {
  return remembered(db, 'populationByBorough', JSON.stringify(f), () => lookUpPopulationByBorough(db, f));
}

async function lookUpPopulationByBorough(db: Kysely<DB>, f: PopulationFilter): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('population')
    .innerJoin('area_vintage', (j) =>
      j
        .onRef('area_vintage.area_code', '=', 'population.area_code')
        .on('area_vintage.type', '=', 'lsoa')
        .on('area_vintage.vintage', '=', '2021'),
    )
    .select((eb) => ['area_vintage.parent_code as borough', total(eb).as('total')])
    .where((eb) => matching(eb, f))
    .where('area_vintage.parent_code', 'like', 'E09%')
    .groupBy('area_vintage.parent_code')
    .execute();
  return new Map(rows.map((r) => [r.borough!, Number(r.total)]));
}

/** Residents of each of the given wards or LSOAs (all ages, sexes and groups), for area breakdowns. */
export async function populationByArea(
  db: Kysely<DB>,
  level: 'ward' | 'lsoa',
  codes: readonly string[],
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows =
    level === 'lsoa'
      ? await db
          .selectFrom('population')
          .select((eb) => ['population.area_code as code', total(eb).as('total')])
          .where((eb) => matching(eb, {}))
          .where('population.area_code', 'in', [...codes])
          .groupBy('population.area_code')
          .execute()
      : await db
          .selectFrom('population')
          .innerJoin('area_lookup', (j) =>
            j
              .onRef('area_lookup.from_code', '=', 'population.area_code')
              .on('area_lookup.relation', 'like', 'lsoa21_to_ward%'),
          )
          .select((eb) => ['area_lookup.to_code as code', total(eb).as('total')])
          .where((eb) => matching(eb, {}))
          .where('area_lookup.to_code', 'in', [...codes])
          .groupBy('area_lookup.to_code')
          .execute();
  return new Map(rows.map((r) => [r.code, Number(r.total)]));
}
