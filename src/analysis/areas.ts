import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AnalysisError } from './figure.ts';
import type { SourceInfo } from './sources.ts';

export const LONDON = 'E12000007';

export interface TargetArea {
  code: string;
  name: string;
  type: 'region' | 'borough' | 'ward' | 'lsoa';
  /** The area it is benchmarked against (a ward's borough, a borough's London); null for London. */
  parentCode: string | null;
}

const TYPE_ORDER = ['region', 'borough', 'ward', 'lsoa'] as const;

/** Finds an area by GSS code, name or alias (case-insensitive); a name shared by several areas prefers the larger one. */
export async function resolveArea(db: Kysely<DB>, input: string): Promise<TargetArea> {
  const text = input.trim();
  const rows = await db
    .selectFrom('area')
    .select(['code', 'name', 'type', 'parent_code'])
    .where((eb) =>
      eb.or([
        eb('code', '=', text.toUpperCase()),
        eb(sql`lower(name)`, '=', text.toLowerCase()),
        eb('code', 'in', eb.selectFrom('area_alias').select('code').where('alias', '=', text.toLowerCase())),
      ]),
    )
    .execute();
  const vintage =
    rows.length > 0
      ? []
      : await db
          .selectFrom('area_vintage')
          .select(['area_code as code', 'name', 'type', 'parent_code'])
          .where((eb) =>
            eb.or([eb('area_code', '=', text.toUpperCase()), eb(sql`lower(name)`, '=', text.toLowerCase())]),
          )
          .orderBy('vintage', 'desc')
          .execute();
  const candidates = [...rows, ...vintage].filter((r): r is typeof r & { type: TargetArea['type'] } =>
    (TYPE_ORDER as readonly string[]).includes(r.type),
  );
  candidates.sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type));
  const found = candidates[0];
  if (!found)
    throw new AnalysisError(
      'NOT_FOUND',
      `no London area is called or coded "${input}" (use a GSS code such as E09000030, or a borough, ward or LSOA name)`,
    );
  const sameName = candidates.filter((c) => c.type === found.type && c.code !== found.code);
  if (sameName.length > 0 && found.code !== text.toUpperCase()) {
    throw new AnalysisError(
      'INVALID',
      `"${input}" names ${sameName.length + 1} ${found.type}s (${[found, ...sameName].map((c) => c.code).join(', ')}); give the code`,
    );
  }
  let parent = found.parent_code;
  if (found.type === 'borough') parent = LONDON;
  if (found.type === 'region') parent = null;
  if ((found.type === 'ward' || found.type === 'lsoa') && !parent?.startsWith('E09')) {
    const v = await db
      .selectFrom('area_vintage')
      .select('parent_code')
      .where('area_code', '=', found.code)
      .where('parent_code', 'like', 'E09%')
      .executeTakeFirst();
    parent = v?.parent_code ?? parent;
  }
  return { code: found.code, name: found.name, type: found.type, parentCode: parent ?? null };
}

/** Codes of a borough's LSOAs (either vintage), from the lookups. */
const lsoasOf = (borough: RawBuilder<unknown>) =>
  sql`SELECT area_code FROM area_vintage WHERE type = 'lsoa' AND parent_code = ${borough}`;
const lsoasOfLondon = sql`SELECT area_code FROM area_vintage WHERE type = 'lsoa' AND parent_code LIKE 'E09%'`;
const lsoasOfWard = (ward: string) =>
  sql`SELECT from_code FROM area_lookup WHERE relation LIKE 'lsoa21_to_ward%' AND to_code = ${ward}`;

/**
 * The condition on slices (alias s) and, for partner records, their
 * aggregate (alias a) that keeps what lies in the target area; null when the
 * source's geography cannot express that area.
 */
export function areaCondition(source: SourceInfo, target: TargetArea): RawBuilder<boolean> | null {
  const code = target.code;
  if (source.id === 'partner-police') {
    if (target.type === 'region') return sql<boolean>`a.borough_code LIKE 'E09%'`;
    if (target.type === 'borough') return sql<boolean>`a.borough_code = ${code}`;
    if (target.type === 'ward') return sql<boolean>`s.area_code = ${code}`;
    return null; // LSOA: only the LSOA aggregate can (see breakdowns)
  }
  if (source.id === 'police-uk-street') return policeUkStreetCondition(target);
  switch (source.sliceLevel) {
    case 'borough':
      if (target.type === 'region') return sql<boolean>`s.area_code LIKE 'E09%'`;
      return target.type === 'borough' ? sql<boolean>`s.area_code = ${code}` : null;
    case 'ward':
      if (target.type === 'region')
        return sql<boolean>`s.area_code IN (SELECT code FROM area WHERE parent_code LIKE 'E09%')`;
      if (target.type === 'borough')
        return sql<boolean>`s.area_code IN (SELECT code FROM area WHERE parent_code = ${code} UNION SELECT area_code FROM area_vintage WHERE type = 'ward' AND parent_code = ${code})`;
      return target.type === 'ward' ? sql<boolean>`s.area_code = ${code}` : null;
    case 'lsoa':
      if (target.type === 'region')
        return sql<boolean>`(s.area_code IN (${lsoasOfLondon}) OR s.area_code IN (SELECT code FROM area WHERE type = 'lsoa' AND parent_code LIKE 'E09%'))`;
      if (target.type === 'borough')
        return sql<boolean>`(s.area_code IN (${lsoasOf(sql.val(code))}) OR s.area_code IN (SELECT code FROM area WHERE type = 'lsoa' AND parent_code = ${code}))`;
      if (target.type === 'ward') return sql<boolean>`s.area_code IN (${lsoasOfWard(code)})`;
      return sql<boolean>`s.area_code = ${code}`;
  }
}

/**
 * police.uk street slices are keyed by London borough (LSOA outside London, or
 * in databases imported before docs/decisions/0004); each aggregate row (alias
 * a) keeps its LSOA, so wards and LSOAs are found there.
 */
function policeUkStreetCondition(target: TargetArea): RawBuilder<boolean> {
  const code = target.code;
  if (target.type === 'region')
    return sql<boolean>`(s.area_code LIKE 'E09%' OR s.area_code IN (${lsoasOfLondon}) OR s.area_code IN (SELECT code FROM area WHERE type = 'lsoa' AND parent_code LIKE 'E09%'))`;
  if (target.type === 'borough')
    return sql<boolean>`(s.area_code = ${code} OR s.area_code IN (${lsoasOf(sql.val(code))}) OR s.area_code IN (SELECT code FROM area WHERE type = 'lsoa' AND parent_code = ${code}))`;
  if (target.type === 'ward') return sql<boolean>`a.lsoa_code IN (${lsoasOfWard(code)})`;
  return sql<boolean>`a.lsoa_code = ${code}`;
}

/** The borough a slice (or partner aggregate) lies in, for rankings and London sums. */
export function boroughExpression(source: SourceInfo): RawBuilder<string> {
  if (source.id === 'partner-police') return sql<string>`a.borough_code`;
  if (source.id === 'police-uk-street')
    return sql<string>`CASE WHEN s.area_code LIKE 'E09%' THEN s.area_code ELSE coalesce((SELECT max(parent_code) FROM area_vintage WHERE type = 'lsoa' AND area_code = a.lsoa_code), (SELECT parent_code FROM area WHERE code = a.lsoa_code)) END`;
  if (source.sliceLevel === 'borough') return sql<string>`s.area_code`;
  if (source.sliceLevel === 'ward') return sql<string>`(SELECT parent_code FROM area WHERE code = s.area_code)`;
  return sql<string>`coalesce((SELECT max(parent_code) FROM area_vintage WHERE type = 'lsoa' AND area_code = s.area_code), (SELECT parent_code FROM area WHERE code = s.area_code))`;
}
