import type { Layout } from '../layout.ts';
import { policeUkApiJsonLayout } from './apiJsonLayout.ts';
import { policeUkMonthlyRowCountsLayouts } from './monthlyRowCountsLayout.ts';
import { policeUkOutcomesLayout } from './outcomesLayout.ts';
import { policeUkStopSearchLayout } from './stopSearchLayout.ts';
import { policeUkStreetLayout } from './streetLayout.ts';

/** Every data.police.uk layout: street CSV, outcomes CSV, stop-and-search CSV, the API's street-level JSON, and the all-Met control totals. */
export const policeUkLayouts: Layout[] = [
  policeUkStreetLayout,
  policeUkOutcomesLayout,
  policeUkStopSearchLayout,
  policeUkApiJsonLayout,
  ...policeUkMonthlyRowCountsLayouts,
];
