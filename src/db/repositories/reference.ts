import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { AreaVintageTable, DeprivationTable, GeoJsonPolygonal, UnitCostTable } from '../tables/reference.ts';

export type AreaInVintage = Selectable<AreaVintageTable>;
export type Deprivation = Selectable<DeprivationTable>;
export type UnitCost = Selectable<UnitCostTable>;

/** Areas of one type and vintage, optionally within one parent (e.g. the 2021 LSOAs of a borough). */
export async function listAreasInVintage(
  db: Kysely<DB>,
  q: { type: AreaVintageTable['type']; vintage: string; parentCode?: string },
): Promise<AreaInVintage[]> {
  let query = db.selectFrom('area_vintage').selectAll().where('type', '=', q.type).where('vintage', '=', q.vintage);
  if (q.parentCode) query = query.where('parent_code', '=', q.parentCode);
  return query.orderBy('area_code').execute();
}

/** Deprivation rows for an LSOA in one edition, from the fullest source held (domain tables before decile lists). */
export async function findDeprivation(db: Kysely<DB>, lsoaCode: string, edition: number): Promise<Deprivation[]> {
  const rows = await db
    .selectFrom('deprivation')
    .selectAll()
    .where('lsoa_code', '=', lsoaCode)
    .where('edition', '=', edition)
    .execute();
  const full = rows.filter((r) => !r.source.endsWith('-deciles'));
  return (full.length > 0 ? full : rows).sort((a, b) => a.domain.localeCompare(b.domain));
}

/** Unit costs of one edition (or all), with their provisional flag. */
export async function listUnitCosts(db: Kysely<DB>, edition?: string): Promise<UnitCost[]> {
  let query = db.selectFrom('unit_cost').selectAll();
  if (edition) query = query.where('edition', '=', edition);
  return query.orderBy('edition').orderBy('offence').orderBy('cost_type').execute();
}

/** An area's boundary in one vintage, as GeoJSON, or null. */
export async function findBoundary(
  db: Kysely<DB>,
  areaCode: string,
  vintage: string,
): Promise<GeoJsonPolygonal | null> {
  const row = await db
    .selectFrom('boundary')
    .select('geometry')
    .where('area_code', '=', areaCode)
    .where('vintage', '=', vintage)
    .executeTakeFirst();
  if (!row) return null;
  // PGlite and node-postgres both parse jsonb; a driver returning text is handled too.
  return typeof row.geometry === 'string' ? (JSON.parse(row.geometry) as GeoJsonPolygonal) : row.geometry;
}

/** LSOA 2011 → 2021 change indicators for the lookup rows whose 2021 LSOA lies in a parent, counted by flag. */
export async function countLsoaChanges(db: Kysely<DB>, parentCode: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('area_lookup as l')
    .innerJoin('area_vintage as v', (j) => j.onRef('v.area_code', '=', 'l.to_code').on('v.vintage', '=', '2021'))
    .select(['l.change', sql<number>`count(*)::int8`.as('n')])
    .where('l.relation', '=', 'lsoa11_to_lsoa21')
    .where('v.parent_code', '=', parentCode)
    .groupBy('l.change')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.change ?? '', Number(r.n)]));
}
