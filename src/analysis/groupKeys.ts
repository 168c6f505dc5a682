import type { AliasableExpression } from 'kysely';
import { boroughExpression } from './areas.ts';
import { slices, type AggregateColumn } from './sliceScope.ts';
import type { SourceInfo } from './sources.ts';

/** What a count can be grouped by besides the month. */
export type GroupKey =
  | 'none'
  | 'category'
  | 'borough'
  | 'ward'
  | 'lsoa'
  | 'victim-age'
  | 'suspect-age'
  | 'victim-sex'
  | 'suspect-sex'
  | 'victim-ethnicity'
  | 'suspect-ethnicity'
  | 'sanction'
  | 'hour'
  | 'weekday'
  | 'hour-weekday'
  | 'window-date'
  | 'ethnicity'
  | 'age'
  | 'sex'
  | 'object'
  | 'outcome'
  | 'point';

/** A group key's value per aggregate row (null read as 'unknown'). */
export type GroupExpression = AliasableExpression<string | null>;

const PARTNER_GROUPS: Partial<Record<GroupKey, AggregateColumn>> = {
  'victim-age': 'a.victim_band',
  'suspect-age': 'a.suspect_band',
  'victim-sex': 'a.victim_sex',
  'suspect-sex': 'a.suspect_sex',
  'victim-ethnicity': 'a.victim_ethnicity',
  'suspect-ethnicity': 'a.suspect_ethnicity',
  hour: 'a.hour',
  weekday: 'a.weekday',
  'window-date': 'a.window_date',
};

/** The partner aggregate's column a group key counts by, if the partner source has one. */
export const partnerGroupColumn = (group: GroupKey): AggregateColumn | undefined => PARTNER_GROUPS[group];
const STOP_SEARCH_GROUPS: Partial<Record<GroupKey, AggregateColumn>> = {
  ethnicity: 'a.ethnic_group',
  age: 'a.age_range',
  sex: 'a.gender',
  object: 'a.object_of_search',
  outcome: 'a.outcome',
};

const e = slices;
const asText = (column: AggregateColumn) => e.cast<string | null>(column, 'text');

/** 'MAJOR / Minor' of the row's category ('MAJOR' when it has no minor). */
const categoryName = () =>
  e
    .selectFrom('offence_category as oc')
    .select((eb) =>
      eb(
        'oc.major',
        '||',
        eb
          .case()
          .when('oc.minor', '<>', '')
          .then(eb(eb.val(' / '), '||', eb.ref('oc.minor')))
          .else('')
          .end(),
      ).as('name'),
    )
    .whereRef('oc.id', '=', 'a.category_id')
    .$asScalar();

/** The ward of an LSOA, from the LSOA-to-ward lookups. */
const lsoaWard = (lsoa: 'a.lsoa_code' | 's.area_code') =>
  e
    .selectFrom('area_lookup as l')
    .select((eb) => eb.fn.max('l.to_code').as('ward'))
    .where('l.relation', 'like', 'lsoa21_to_ward%')
    .whereRef('l.from_code', '=', lsoa)
    .$asScalar();

const made = new Map<string, GroupExpression | null>();

/**
 * The value a row is grouped under for `group`; null when the source cannot be broken down by it. Made once per
 * source and group (it holds no value of any one request), so a figure's query is not built from scratch.
 */
export function groupExpression(source: SourceInfo, group: GroupKey): GroupExpression | null {
  const key = `${source.id}:${group}`;
  if (!made.has(key)) made.set(key, makeGroupExpression(source, group));
  return made.get(key)!;
}

function makeGroupExpression(source: SourceInfo, group: GroupKey): GroupExpression | null {
  // '' is cast so that the database knows the type of the parameter it is sent as.
  if (group === 'none') return e.cast<string>(e.val(''), 'text');
  if (group === 'borough') return boroughExpression(source);
  const hasCategory = source.classifications.length > 0;
  if (group === 'category') return hasCategory ? categoryName() : null;
  if (group === 'ward') {
    if (source.id === 'mps-vawg-offences') return e.ref('a.ward_name');
    if (source.sliceLevel === 'ward') return e.ref('s.area_code');
    if (source.id === 'police-uk-street') return lsoaWard('a.lsoa_code');
    if (source.sliceLevel === 'lsoa') return lsoaWard('s.area_code');
    return null;
  }
  if (group === 'lsoa') {
    if (source.id === 'partner-police' || source.id === 'police-uk-street') return e.ref('a.lsoa_code');
    return source.sliceLevel === 'lsoa' ? e.ref('s.area_code') : null;
  }
  if (group === 'point')
    return source.id === 'police-uk-street'
      ? e(e(asText('a.longitude'), '||', e.val(',')), '||', asText('a.latitude'))
      : null;
  if (group === 'hour-weekday')
    return source.id === 'partner-police'
      ? e(e(asText('a.weekday'), '||', e.val(' ')), '||', e.fn.coalesce(asText('a.hour'), e.val('unknown')))
      : null;
  if (group === 'sanction')
    return source.id === 'partner-police'
      ? e.case().when(e.ref('a.sanction')).then('sanction').else('other').end()
      : null;
  const partner = source.id === 'partner-police' ? PARTNER_GROUPS[group] : undefined;
  if (partner) return e.fn.coalesce(asText(partner), e.val('unknown'));
  const search = source.id === 'police-uk-stop-search' ? STOP_SEARCH_GROUPS[group] : undefined;
  if (search) return e.fn.coalesce(e.fn<string | null>('nullif', [asText(search), e.val('')]), e.val('not stated'));
  return null;
}
