import type { Expression, SqlBool } from 'kysely';
import type { GroupKey } from './groupKeys.ts';
import type { CountSpec } from './selection.ts';
import { slices, type AggregateColumn, type AggregateTable } from './sliceScope.ts';
import type { SourceInfo } from './sources.ts';

/** Where a source's counts are read from and what is summed. */
export interface SourceTable {
  /** The aggregate joined to the slices as `a`. */
  table: AggregateTable;
  /** agg_partner_definition only: the definition whose rows are read (joined on, with the slice). */
  definitionKey?: string;
  /** The column summed. */
  counted: AggregateColumn;
  /** What else a row must be; null when nothing. */
  extra: Expression<SqlBool> | null;
  /** What is counted; the spec's filter unless the table holds the definition's counts already (null). */
  filter: CountSpec['filter'] | null;
}

const e = slices;

/** Where a month is covered by both MPS classifications, the Home Office aligned series counts and the old one does not. */
const PREFER_HO_ALIGNED = e.not(
  e.and([
    e('s.series', 'like', '%/mps_old'),
    e.exists(
      e
        .selectFrom('count_slice as h')
        .select(e.lit(1).as('one'))
        .where('h.series', '=', e.fn<string>('replace', ['s.series', e.val('/mps_old'), e.val('/ho_aligned')]))
        .whereRef('h.area_code', '=', 's.area_code')
        .whereRef('h.month', '=', 's.month')
        .where('h.superseded_by', 'is', null),
    ),
  ]),
);
/** MPS published counts: offences, each month from one classification. */
const MPS_OFFENCES = e.and([e('a.measure', '=', 'offences'), PREFER_HO_ALIGNED]);
const VAWG_BY_LOCATION = e(e.fn<string>('lower', ['s.scope']), '=', 'offence count location');

/** Groups a definition's counts per slice and borough can answer (agg_partner_definition). */
const DEFINITION_GROUPS: ReadonlySet<GroupKey> = new Set(['none', 'borough', 'ward']);

export function tableFor(source: SourceInfo, spec: CountSpec, group: GroupKey, measure: string): SourceTable {
  switch (source.id) {
    case 'mps-borough':
    case 'mps-ward':
    case 'mps-lsoa':
      return {
        table: 'crime_count',
        counted: 'a.value',
        extra: MPS_OFFENCES,
        filter: spec.filter,
      };
    case 'mps-dashboard':
      return { table: 'crime_count', counted: 'a.value', extra: e('a.measure', '=', measure), filter: spec.filter };
    case 'mps-vawg-offences':
      return {
        table: 'mps_vawg_offence_count',
        counted: 'a.value',
        extra: VAWG_BY_LOCATION,
        filter: spec.filter,
      };
    case 'police-uk-street':
      return { table: 'agg_police_uk_street', counted: 'a.n', extra: null, filter: spec.filter };
    case 'police-uk-stop-search':
      return { table: 'agg_stop_search', counted: 'a.n', extra: null, filter: spec.filter };
    case 'partner-police': {
      if (spec.definitionKey && DEFINITION_GROUPS.has(group)) {
        return {
          table: 'agg_partner_definition',
          definitionKey: spec.definitionKey,
          counted: spec.counts === 'victims' ? 'a.n_records' : 'a.n_offences',
          extra: null,
          filter: null,
        };
      }
      const table = ['hour', 'weekday', 'hour-weekday', 'window-date'].includes(group)
        ? 'agg_partner_police_time'
        : group === 'lsoa'
          ? 'agg_partner_police_lsoa'
          : /-(sex|ethnicity)$/.test(group)
            ? 'agg_partner_police'
            : 'agg_partner_police_core';
      // Victim and suspect breakdowns count people-records; everything else counts what the definition counts.
      const counted = spec.counts === 'victims' || /^(victim|suspect)-/.test(group) ? 'a.n_records' : 'a.n_offences';
      return { table, counted, extra: null, filter: spec.filter };
    }
  }
}
