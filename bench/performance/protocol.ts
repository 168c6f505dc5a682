/** What bench/performance's parent (index.ts) and the app's process (server.ts) share. */

/** What the computed starter indicators are counted from (the rest of the demo is not read by the scorecard). */
export const DEMO_FILES = [
  'lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_London.csv',
  'lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_London.csv',
  'population/census2021-ts007a-lsoa-london.csv',
  'mps/MPS Borough Level Crime (Historical).csv',
  'mps/recorded-crime-borough-historical.csv',
  'mps/recorded-crime-borough.csv',
  'mps/monthly-crime-dashboard.csv.gz',
  'mps/vawg-offences.csv.gz',
];

/** The quarter the scorecard is read at: the last quarter of an October–September year, so every type has a value. */
export const QUARTER = '2025/26 Q2';

export interface PerformanceServerReady {
  base: string;
  accounts: { email: string; token: string }[];
  preparedSeconds: number;
  returnedValues: number;
}
