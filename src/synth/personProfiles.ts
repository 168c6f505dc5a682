import type { Ethnicity } from '../ingest/partner/partnerVocabulary.ts';

/** Age bands as [lowest, highest, weight]; an age is drawn uniformly inside the band drawn. */
export type AgeBands = readonly (readonly [number, number, number])[];

export type AgeProfile =
  | 'violence'
  | 'robbery'
  | 'sexual'
  | 'homicide'
  | 'adult'
  | 'theftPerson'
  | 'domestic'
  | 'general'
  | 'violent'
  | 'youngOffender'
  | 'drugs';

/** Victim profiles (first seven) and suspect profiles (general, violent, youngOffender, drugs). See synthetic-profiles.md. */
export const AGE_PROFILES: Readonly<Record<AgeProfile, AgeBands>> = {
  violence: [
    [0, 9, 0.03],
    [10, 14, 0.06],
    [15, 17, 0.06],
    [18, 24, 0.16],
    [25, 34, 0.27],
    [35, 44, 0.2],
    [45, 54, 0.12],
    [55, 64, 0.06],
    [65, 90, 0.04],
  ],
  robbery: [
    [10, 14, 0.1],
    [15, 17, 0.16],
    [18, 24, 0.28],
    [25, 34, 0.24],
    [35, 44, 0.12],
    [45, 64, 0.08],
    [65, 90, 0.02],
  ],
  sexual: [
    [5, 9, 0.04],
    [10, 14, 0.14],
    [15, 17, 0.12],
    [18, 24, 0.26],
    [25, 34, 0.22],
    [35, 44, 0.12],
    [45, 64, 0.08],
    [65, 90, 0.02],
  ],
  homicide: [
    [0, 9, 0.03],
    [15, 17, 0.07],
    [18, 24, 0.25],
    [25, 34, 0.25],
    [35, 44, 0.17],
    [45, 64, 0.16],
    [65, 90, 0.07],
  ],
  adult: [
    [15, 17, 0.02],
    [18, 24, 0.12],
    [25, 34, 0.3],
    [35, 44, 0.24],
    [45, 54, 0.14],
    [55, 64, 0.1],
    [65, 90, 0.08],
  ],
  theftPerson: [
    [10, 17, 0.07],
    [18, 24, 0.25],
    [25, 34, 0.35],
    [35, 44, 0.16],
    [45, 64, 0.12],
    [65, 90, 0.05],
  ],
  domestic: [
    [16, 17, 0.02],
    [18, 24, 0.18],
    [25, 34, 0.33],
    [35, 44, 0.25],
    [45, 54, 0.13],
    [55, 64, 0.06],
    [65, 90, 0.03],
  ],
  general: [
    [10, 17, 0.1],
    [18, 24, 0.25],
    [25, 34, 0.3],
    [35, 44, 0.18],
    [45, 64, 0.15],
    [65, 85, 0.02],
  ],
  violent: [
    [10, 17, 0.15],
    [18, 24, 0.28],
    [25, 34, 0.27],
    [35, 44, 0.17],
    [45, 64, 0.11],
    [65, 85, 0.02],
  ],
  youngOffender: [
    [10, 17, 0.3],
    [18, 24, 0.4],
    [25, 34, 0.2],
    [35, 50, 0.1],
  ],
  drugs: [
    [10, 17, 0.12],
    [18, 24, 0.35],
    [25, 34, 0.3],
    [35, 54, 0.2],
    [55, 70, 0.03],
  ],
};

/**
 * Census 2021 TS021 broad ethnic groups for London (4,994 LSOAs, 8,799,810
 * usual residents), summed with python over
 * ../shared/data/population/census2021-ts021-lsoa-nomis.csv. Used when the
 * borough's own Census shares are not in the database.
 */
export const LONDON_ETHNICITY_2021: Readonly<Record<Exclude<Ethnicity, 'not_stated'>, number>> = {
  asian: 1_817_755,
  black: 1_188_354,
  mixed: 505_746,
  white: 4_731_254,
  other: 556_701,
};

/** How often ethnicity is not stated: victims decline more rarely than suspects are left unrecorded. */
export const NOT_STATED = { victim: 0.08, suspect: 0.12 } as const;

/** Share of victims and suspects with an unknown age, and of people of unknown sex. */
export const UNKNOWN_AGE = 0.03;
export const UNKNOWN_SEX = 0.01;

/**
 * Repeat victimisation: the chance a record with a personal victim names a
 * victim already named by an earlier record (higher for domestic abuse).
 * Together they give about 8% of personal-victim records.
 */
export const REPEAT_VICTIM = { domestic: 0.2, other: 0.055 } as const;

/** The chance that a suspect under 25 is a young person already recorded as a victim (victim–suspect overlap). */
export const YOUNG_SUSPECT_WAS_VICTIM = 0.25;

/** Suspect sex: share male, by kind of offence. */
export const SUSPECT_MALE = { sexual: 0.97, domestic: 0.8, other: 0.85 } as const;
