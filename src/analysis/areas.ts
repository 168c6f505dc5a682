import type { AliasableExpression, Expression, Kysely, SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AnalysisError } from './figure.ts';
import { remembered } from './referenceMemo.ts';
import { slices } from './sliceScope.ts';
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
export function resolveArea(db: Kysely<DB>, input: string): Promise<TargetArea> {
  return remembered(db, 'area', input, () => lookUpArea(db, input));
}

async function lookUpArea(db: Kysely<DB>, input: string): Promise<TargetArea> {
  const text = input.trim();
  const rows = await db
    .selectFrom('area')
    .select(['code', 'name', 'type', 'parent_code'])
    .where((eb) =>
      eb.or([
        eb('code', '=', text.toUpperCase()),
        eb(eb.fn('lower', ['name']), '=', text.toLowerCase()),
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
            eb.or([eb('area_code', '=', text.toUpperCase()), eb(eb.fn('lower', ['name']), '=', text.toLowerCase())]),
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

const e = slices;

/** LSOAs (either vintage) a lookup places in a borough, or (pattern 'E09%') in any London borough. */
const lookupLsoas = (op: '=' | 'like', borough: string) =>
  e
    .selectFrom('area_vintage as v')
    .select('v.area_code')
    .where('v.type', '=', 'lsoa')
    .where('v.parent_code', op, borough);
/** LSOAs whose own file placed them in a borough (or any London borough), as `area` holds them. */
const fileLsoas = (op: '=' | 'like', borough: string) =>
  e.selectFrom('area as p').select('p.code').where('p.type', '=', 'lsoa').where('p.parent_code', op, borough);
/** The 2021 LSOAs of a ward, from the LSOA-to-ward lookups. */
const wardLsoas = (ward: string) =>
  e
    .selectFrom('area_lookup as l')
    .select('l.from_code')
    .where('l.relation', 'like', 'lsoa21_to_ward%')
    .where('l.to_code', '=', ward);

/**
 * The condition on slices (alias s) and, for partner records, their
 * aggregate (alias a) that keeps what lies in the target area; null when the
 * source's geography cannot express that area.
 */
export function areaCondition(source: SourceInfo, target: TargetArea): Expression<SqlBool> | null {
  const code = target.code;
  if (source.id === 'partner-police') {
    if (target.type === 'region') return e('a.borough_code', 'like', 'E09%');
    if (target.type === 'borough') return e('a.borough_code', '=', code);
    if (target.type === 'ward') return e('s.area_code', '=', code);
    return null; // LSOA: only the LSOA aggregate can (see breakdowns)
  }
  if (source.id === 'police-uk-street') return policeUkStreetCondition(target);
  switch (source.sliceLevel) {
    case 'borough':
      if (target.type === 'region') return e('s.area_code', 'like', 'E09%');
      return target.type === 'borough' ? e('s.area_code', '=', code) : null;
    case 'ward':
      if (target.type === 'region')
        return e(
          's.area_code',
          'in',
          e.selectFrom('area as p').select('p.code').where('p.parent_code', 'like', 'E09%'),
        );
      if (target.type === 'borough')
        return e(
          's.area_code',
          'in',
          e
            .selectFrom('area as p')
            .select('p.code')
            .where('p.parent_code', '=', code)
            .union(
              e
                .selectFrom('area_vintage as v')
                .select('v.area_code as code')
                .where('v.type', '=', 'ward')
                .where('v.parent_code', '=', code),
            ),
        );
      return target.type === 'ward' ? e('s.area_code', '=', code) : null;
    case 'lsoa':
      if (target.type === 'region')
        return e.or([
          e('s.area_code', 'in', lookupLsoas('like', 'E09%')),
          e('s.area_code', 'in', fileLsoas('like', 'E09%')),
        ]);
      if (target.type === 'borough')
        return e.or([e('s.area_code', 'in', lookupLsoas('=', code)), e('s.area_code', 'in', fileLsoas('=', code))]);
      if (target.type === 'ward') return e('s.area_code', 'in', wardLsoas(code));
      return e('s.area_code', '=', code);
  }
}

/**
 * police.uk street slices are keyed by London borough (LSOA outside London, or
 * in databases imported before docs/decisions/0004); each aggregate row (alias
 * a) keeps its LSOA, so wards and LSOAs are found there.
 */
function policeUkStreetCondition(target: TargetArea): Expression<SqlBool> {
  const code = target.code;
  if (target.type === 'region')
    return e.or([
      e('s.area_code', 'like', 'E09%'),
      e('s.area_code', 'in', lookupLsoas('like', 'E09%')),
      e('s.area_code', 'in', fileLsoas('like', 'E09%')),
    ]);
  if (target.type === 'borough')
    return e.or([
      e('s.area_code', '=', code),
      e('s.area_code', 'in', lookupLsoas('=', code)),
      e('s.area_code', 'in', fileLsoas('=', code)),
    ]);
  if (target.type === 'ward') return e('a.lsoa_code', 'in', wardLsoas(code));
  return e('a.lsoa_code', '=', code);
}

/** The borough an LSOA lies in: by the lookups (either vintage), else by the file that named it. */
export const lsoaParent = (lsoa: 's.area_code' | 'a.lsoa_code') =>
  e.fn.coalesce(
    e
      .selectFrom('area_vintage as v')
      .select((eb) => eb.fn.max('v.parent_code').as('parent'))
      .where('v.type', '=', 'lsoa')
      .whereRef('v.area_code', '=', lsoa)
      .$asScalar(),
    e.selectFrom('area as p').select('p.parent_code').whereRef('p.code', '=', lsoa).$asScalar(),
  );

/** The borough a slice (or partner aggregate) lies in, for rankings and London sums. */
export function boroughExpression(source: SourceInfo): AliasableExpression<string | null> {
  if (source.id === 'partner-police') return e.ref('a.borough_code');
  if (source.id === 'police-uk-street')
    return e
      .case()
      .when('s.area_code', 'like', 'E09%')
      .then(e.ref('s.area_code'))
      .else(lsoaParent('a.lsoa_code'))
      .end();
  if (source.sliceLevel === 'borough') return e.ref('s.area_code');
  if (source.sliceLevel === 'ward')
    return e.selectFrom('area as p').select('p.parent_code').whereRef('p.code', '=', 's.area_code').$asScalar();
  return lsoaParent('s.area_code');
}
