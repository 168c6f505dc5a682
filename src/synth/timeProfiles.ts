/**
 * When synthetic offences happen: hour-of-day weights (0–23), weekday weights
 * (Sunday = 0) and a month modifier for the share of under-18 victims. Every
 * table is documented in docs/formats/synthetic-profiles.md; change both together.
 */
export type HourProfile =
  | 'night'
  | 'violence'
  | 'domestic'
  | 'youthTerm'
  | 'youthOther'
  | 'daytime'
  | 'propertyNight'
  | 'proactive'
  | 'robbery';

export const HOUR_WEIGHTS: Readonly<Record<HourProfile, readonly number[]>> = {
  // Most serious violence (homicide, knife-enabled violence with injury): evening and night peak, 20:00–01:59.
  night: [6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 9, 8],
  violence: [4, 3.5, 3, 2, 1.5, 1, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4, 4.5, 5, 5.5, 5.5, 6, 6, 6, 6, 5.5, 5],
  domestic: [4, 3.5, 3, 2, 1.5, 1, 1, 1.5, 2, 2.5, 3, 3.5, 3.5, 3.5, 3.5, 4, 4.5, 5, 6, 6.5, 7, 7, 6.5, 5],
  // Under-18 victims on school-term weekdays: the after-school peak 15:00–17:59, a smaller lunchtime one.
  youthTerm: [0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.8, 2.5, 1.5, 1, 1, 1.8, 1.5, 2, 8, 10, 9, 6, 4, 3, 2, 1, 0.5],
  // Under-18 victims at weekends and in holidays: afternoon and early evening.
  youthOther: [
    0.5, 0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.5, 3.5, 4.5, 5, 5.5, 6, 6.5, 6.5, 6, 5, 4, 3, 1.8, 1,
  ],
  daytime: [
    0.5, 0.4, 0.3, 0.2, 0.2, 0.3, 0.6, 1.5, 3, 4.5, 5.5, 6, 6.5, 6.5, 6.5, 6.5, 6.5, 6, 5.5, 4.5, 3.5, 2.5, 1.5, 1,
  ],
  propertyNight: [4, 4.5, 4.5, 4, 3, 2, 2, 2.5, 3, 3, 3, 3, 3, 3, 3, 3.5, 4, 4.5, 5, 5, 5, 5, 4.5, 4.5],
  // Weapons and drugs possession are found by patrols and stop and search: afternoon and evening.
  proactive: [2, 1.5, 1, 0.8, 0.5, 0.5, 0.5, 1, 2, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 6.5, 6.5, 6.5, 6, 5, 4, 3],
  robbery: [3, 2.5, 2, 1.5, 1, 0.5, 0.5, 1, 1.5, 2, 2, 2.5, 3, 3.5, 4, 5, 5.5, 6, 6.5, 6.5, 6.5, 6, 5, 4],
};

export type WeekdayProfile = 'nightEconomy' | 'domestic' | 'retail' | 'youth' | 'flat';

/** Sunday first, as Date.getUTCDay() counts. */
export const WEEKDAY_WEIGHTS: Readonly<Record<WeekdayProfile, readonly number[]>> = {
  nightEconomy: [1.2, 0.9, 0.9, 0.95, 1.0, 1.2, 1.35],
  domestic: [1.2, 1.05, 0.95, 0.95, 0.95, 1.0, 1.15],
  retail: [0.75, 1, 1, 1, 1, 1.05, 1.15],
  youth: [0.7, 1.1, 1.1, 1.1, 1.1, 1.1, 0.9],
  flat: [1, 1, 1, 1, 1, 1, 1],
};

/**
 * Multiplies the weight of under-18 victims by month (January first): youth
 * victimisation follows the school year, lowest in August and December.
 * Month totals themselves come from the real MPS counts, never from here.
 */
export const YOUTH_MONTH_FACTOR: readonly number[] = [0.95, 1.0, 1.1, 1.0, 1.1, 1.1, 1.0, 0.75, 1.05, 1.1, 1.05, 0.85];

/** The after-school window the analysis reports: 15:00 to 17:59 on school-term weekdays. */
export const AFTER_SCHOOL_HOURS = [15, 16, 17] as const;
