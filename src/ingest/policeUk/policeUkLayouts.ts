import type { Layout } from '../layout.ts';
import { policeUkApiJsonLayout } from './apiJsonLayout.ts';
import { policeUkOutcomesLayout } from './outcomesLayout.ts';
import { policeUkStopSearchLayout } from './stopSearchLayout.ts';
import { policeUkStreetLayout } from './streetLayout.ts';

/** Every data.police.uk layout: street CSV, outcomes CSV, stop-and-search CSV and the API's street-level JSON. */
export const policeUkLayouts: Layout[] = [policeUkStreetLayout, policeUkOutcomesLayout, policeUkStopSearchLayout, policeUkApiJsonLayout];
