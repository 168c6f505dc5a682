/*
 * The dimensions the anonymous panel counts are kept by (issue 21): age band, sex and ethnic group. Coarse on
 * purpose: with agency and month they are all that outlives a case, and released counts show 1–7 as `*` (src/panels/counts).
 */

export const AGE_BANDS = [
  'under 10',
  '10-13',
  '14-15',
  '16-17',
  '18-20',
  '21-25',
  '26-39',
  '40+',
  'not known',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Whole years between a date of birth and a day ('YYYY-MM-DD' both); a birthday on the day counts. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function ageBand(age: number | null): AgeBand {
  if (age === null || !Number.isFinite(age) || age < 0) return 'not known';
  if (age < 10) return 'under 10';
  if (age <= 13) return '10-13';
  if (age <= 15) return '14-15';
  if (age <= 17) return '16-17';
  if (age <= 20) return '18-20';
  if (age <= 25) return '21-25';
  if (age <= 39) return '26-39';
  return '40+';
}

/**
 * Ethnic group as the 2021 Census asks it (England and Wales, 19 categories), each under its high-level group.
 * The category is special category data and is sealed with the person; only the high-level group reaches a count.
 */
export const ETHNICITY = {
  'asian-bangladeshi': { label: 'Asian, Asian British or Asian Welsh: Bangladeshi', group: 'Asian' },
  'asian-chinese': { label: 'Asian, Asian British or Asian Welsh: Chinese', group: 'Asian' },
  'asian-indian': { label: 'Asian, Asian British or Asian Welsh: Indian', group: 'Asian' },
  'asian-pakistani': { label: 'Asian, Asian British or Asian Welsh: Pakistani', group: 'Asian' },
  'asian-other': { label: 'Asian, Asian British or Asian Welsh: any other Asian background', group: 'Asian' },
  'black-african': { label: 'Black, Black British, Black Welsh, Caribbean or African: African', group: 'Black' },
  'black-caribbean': { label: 'Black, Black British, Black Welsh, Caribbean or African: Caribbean', group: 'Black' },
  'black-other': {
    label: 'Black, Black British, Black Welsh, Caribbean or African: any other Black background',
    group: 'Black',
  },
  'mixed-white-asian': { label: 'Mixed or Multiple ethnic groups: White and Asian', group: 'Mixed' },
  'mixed-white-black-african': { label: 'Mixed or Multiple ethnic groups: White and Black African', group: 'Mixed' },
  'mixed-white-black-caribbean': {
    label: 'Mixed or Multiple ethnic groups: White and Black Caribbean',
    group: 'Mixed',
  },
  'mixed-other': { label: 'Mixed or Multiple ethnic groups: any other Mixed or Multiple background', group: 'Mixed' },
  'white-british': { label: 'White: English, Welsh, Scottish, Northern Irish or British', group: 'White' },
  'white-irish': { label: 'White: Irish', group: 'White' },
  'white-gypsy-traveller': { label: 'White: Gypsy or Irish Traveller', group: 'White' },
  'white-roma': { label: 'White: Roma', group: 'White' },
  'white-other': { label: 'White: any other White background', group: 'White' },
  'other-arab': { label: 'Other ethnic group: Arab', group: 'Other' },
  'other-any': { label: 'Other ethnic group: any other ethnic group', group: 'Other' },
  'not-stated': { label: 'Not stated', group: 'Not stated' },
} as const;
export type EthnicityCode = keyof typeof ETHNICITY;
export const ETHNICITY_CODES = Object.keys(ETHNICITY) as EthnicityCode[];
export const ETHNIC_GROUPS = ['Asian', 'Black', 'Mixed', 'White', 'Other', 'Not stated'] as const;

export const ethnicGroup = (code: string | null | undefined): string =>
  code && code in ETHNICITY ? ETHNICITY[code as EthnicityCode].group : 'Not stated';
