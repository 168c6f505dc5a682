import type { AliasableExpression, Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { lsoaParent } from './areas.ts';
import { isoDate } from './counts.ts';
import { formatDate, slices, sliceVersion } from './sliceScope.ts';
import type { SourceInfo } from './sources.ts';

/*
 * What a source holds, asked only once a figure has found nothing, to say why (noDataReason.ts). Each
 * question reads slices (count_slice), current or as of a date, as coverage does; none reads records.
 */

const e = slices;

/** The source's slices, current or as of a date. */
const heldSlices = (db: Kysely<DB>, source: SourceInfo, asOf: string | undefined) =>
  db.selectFrom('count_slice as s').where('s.series', 'like', source.series).where(sliceVersion(asOf));

/** Months the source holds anywhere ('YYYY-MM', ascending). */
export async function monthsHeld(db: Kysely<DB>, source: SourceInfo, asOf: string | undefined): Promise<string[]> {
  const rows = await heldSlices(db, source, asOf)
    .select((eb) => formatDate(eb.ref('s.month'), 'YYYY-MM').as('month'))
    .distinct()
    .orderBy('month')
    .execute();
  return rows.map((r) => r.month);
}

/** The source's earliest extract date, whatever the as-of date; null when nothing was imported. */
export async function firstExtract(db: Kysely<DB>, source: SourceInfo): Promise<string | null> {
  const row = await db
    .selectFrom('count_slice as s')
    .select((eb) => eb.fn.min('s.extract_date').as('first'))
    .where('s.series', 'like', source.series)
    .executeTakeFirst();
  return row?.first ? isoDate(row.first) : null;
}

/** Whether the slice's LSOA is placed in a local authority by a lookup (area_vintage) or by the file that named it (area). */
const placedInBorough = () =>
  e.or([
    e.exists(
      e
        .selectFrom('area_vintage as v')
        .select(e.lit(1).as('one'))
        .whereRef('v.area_code', '=', 's.area_code')
        .where('v.type', '=', 'lsoa')
        .where('v.parent_code', 'is not', null),
    ),
    e.exists(
      e
        .selectFrom('area as p')
        .select(e.lit(1).as('one'))
        .whereRef('p.code', '=', 's.area_code')
        .where('p.parent_code', 'is not', null),
    ),
  ]);
/** Whether the slice's LSOA is placed in a ward by an LSOA-to-ward lookup. */
const placedInWard = () =>
  e.exists(
    e
      .selectFrom('area_lookup as l')
      .select(e.lit(1).as('one'))
      .where('l.relation', 'like', 'lsoa21_to_ward%')
      .whereRef('l.from_code', '=', 's.area_code'),
  );

/** Slices keyed by an LSOA code: police.uk street slices are boroughs in London, LSOAs elsewhere (decision 0004). */
const lsoaSlice = () => e.or([e('s.area_code', 'like', 'E01%'), e('s.area_code', 'like', 'W01%')]);

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
  const placed = into === 'borough' ? placedInBorough() : placedInWard();
  const row = await heldSlices(db, source, asOf)
    .where(lsoaSlice())
    .select((eb) => [
      eb.cast<number | string>(eb.fn.count('s.area_code').distinct(), 'int8').as('held'),
      eb
        .cast<number | string>(eb.fn.count('s.area_code').distinct().filterWhere(eb.not(placed)), 'int8')
        .as('unplaced'),
    ])
    .executeTakeFirst();
  return { held: Number(row?.held ?? 0), unplaced: Number(row?.unplaced ?? 0) };
}

/** Whether any LSOA-to-ward lookup was imported (police.uk street records keep their LSOA on each row, not on the slice). */
export async function hasWardLookup(db: Kysely<DB>): Promise<boolean> {
  const rows = await db
    .selectFrom('area_lookup')
    .select((eb) => eb.lit(1).as('one'))
    .where('relation', 'like', 'lsoa21_to_ward%')
    .limit(1)
    .execute();
  return rows.length > 0;
}

/** The borough a slice lies in, read from the slice (and, for partner records, its aggregate rows). */
function sliceBorough(source: SourceInfo): AliasableExpression<string | null> {
  if (source.id === 'partner-police')
    return e
      .selectFrom('agg_partner_police_core as c')
      .select((eb) => eb.fn.max('c.borough_code').as('borough'))
      .whereRef('c.slice_id', '=', 's.id')
      .$asScalar();
  if (source.id === 'police-uk-street')
    return e
      .case()
      .when('s.area_code', 'like', 'E09%')
      .then(e.ref('s.area_code'))
      .else(lsoaParent('s.area_code'))
      .end();
  if (source.sliceLevel === 'borough') return e.ref('s.area_code');
  if (source.sliceLevel === 'ward') {
    return e.fn.coalesce(
      e.selectFrom('area as p').select('p.parent_code').whereRef('p.code', '=', 's.area_code').$asScalar(),
      e
        .selectFrom('area_vintage as v')
        .select((eb) => eb.fn.max('v.parent_code').as('parent'))
        .where('v.type', '=', 'ward')
        .whereRef('v.area_code', '=', 's.area_code')
        .$asScalar(),
    );
  }
  return lsoaParent('s.area_code');
}

/** The London boroughs (code and name, by name) the source holds any slice in. */
export async function boroughsCovered(
  db: Kysely<DB>,
  source: SourceInfo,
  asOf: string | undefined,
): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('area as b')
    .select(['b.code', 'b.name'])
    .where('b.type', '=', 'borough')
    .where('b.code', 'in', heldSlices(db, source, asOf).select(sliceBorough(source).as('borough')))
    .orderBy('b.name')
    .execute();
}
