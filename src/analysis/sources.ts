import type { SourceFields } from '../domain/definitions/capability.ts';
import type { ClassificationId } from '../domain/definitions/definitionSchema.ts';
import type { SourceId } from './request.ts';

/** What Safer knows about each source a figure can come from. */
export interface SourceInfo {
  id: SourceId;
  /** How figures name it. */
  name: string;
  /** count_slice.series LIKE pattern. */
  series: string;
  /** The geography of its slices. */
  sliceLevel: 'borough' | 'ward' | 'lsoa';
  /** Classifications its categories use (none for VAWG and stop-and-search). */
  classifications: ClassificationId[];
  level: 'record' | 'aggregate';
  fields: SourceFields['fields'];
  synthetic: boolean;
}

const PARTNER_FIELDS = [
  'victim_age',
  'suspect_age',
  'domestic_abuse',
  'hate_crime',
  'knife_or_sharp_instrument',
  'firearm',
  'sexual_offence',
] as const;

export const SOURCE_INFO: Record<SourceId, SourceInfo> = {
  'mps-borough': {
    id: 'mps-borough',
    name: 'MPS borough counts (London Datastore)',
    series: 'mps-borough/%',
    sliceLevel: 'borough',
    classifications: ['ho_aligned', 'mps_old'],
    level: 'aggregate',
    fields: [],
    synthetic: false,
  },
  'mps-ward': {
    id: 'mps-ward',
    name: 'MPS ward counts (London Datastore)',
    series: 'mps-ward/%',
    sliceLevel: 'ward',
    classifications: ['ho_aligned', 'mps_old'],
    level: 'aggregate',
    fields: [],
    synthetic: false,
  },
  'mps-lsoa': {
    id: 'mps-lsoa',
    name: 'MPS LSOA counts (London Datastore)',
    series: 'mps-lsoa/%',
    sliceLevel: 'lsoa',
    classifications: ['ho_aligned', 'mps_old'],
    level: 'aggregate',
    fields: [],
    synthetic: false,
  },
  'mps-dashboard': {
    id: 'mps-dashboard',
    name: 'MPS monthly crime dashboard',
    series: 'mps-dashboard',
    sliceLevel: 'borough',
    classifications: ['mps_dashboard'],
    level: 'aggregate',
    fields: [],
    synthetic: false,
  },
  'mps-vawg-offences': {
    id: 'mps-vawg-offences',
    name: 'MPS VAWG offences (by location)',
    series: 'mps-vawg-offences',
    sliceLevel: 'borough',
    classifications: [],
    level: 'aggregate',
    fields: [],
    synthetic: false,
  },
  'police-uk-street': {
    id: 'police-uk-street',
    name: 'police.uk',
    series: 'police-uk-street',
    sliceLevel: 'lsoa',
    classifications: ['police_uk'],
    level: 'record',
    fields: [],
    synthetic: false,
  },
  'police-uk-stop-search': {
    id: 'police-uk-stop-search',
    name: 'police.uk stop and search',
    series: 'police-uk-stop-search',
    sliceLevel: 'lsoa',
    classifications: [],
    level: 'record',
    fields: [],
    synthetic: false,
  },
  'partner-police': {
    id: 'partner-police',
    name: 'partner police extract',
    series: 'partner-police%',
    sliceLevel: 'ward',
    classifications: ['ho_aligned'],
    level: 'record',
    fields: PARTNER_FIELDS,
    synthetic: true,
  },
};

/** Sources to try, best first, for an area level: published counts before records. */
export function sourcePreference(areaType: string): SourceId[] {
  const byLevel: Record<string, SourceId[]> = {
    region: [
      'mps-borough',
      'mps-dashboard',
      'mps-vawg-offences',
      'partner-police',
      'police-uk-street',
      'police-uk-stop-search',
    ],
    borough: [
      'mps-borough',
      'mps-dashboard',
      'mps-vawg-offences',
      'partner-police',
      'mps-ward',
      'mps-lsoa',
      'police-uk-street',
      'police-uk-stop-search',
    ],
    ward: ['mps-ward', 'partner-police', 'mps-lsoa', 'police-uk-street', 'police-uk-stop-search'],
    lsoa: ['mps-lsoa', 'partner-police', 'police-uk-street', 'police-uk-stop-search'],
  };
  return byLevel[areaType] ?? byLevel.borough!;
}

/** Record-level dimensions only partner records (or stop-and-search) carry. */
export const PARTNER_ONLY_DIMENSIONS = new Set([
  'hour-weekday',
  'hour',
  'weekday',
  'after-school',
  'victim-age',
  'suspect-age',
  'victim-sex',
  'suspect-sex',
  'victim-ethnicity',
  'suspect-ethnicity',
  'victim-suspect-overlap',
  'repeat-victimisation',
  'outcome',
]);
export const STOP_SEARCH_DIMENSIONS = new Set(['ethnicity', 'age', 'sex', 'object', 'outcome']);
