import type { Layout } from '../layout.ts';
import { custodyLayout } from './custodyLayout.ts';
import { homicideLayout } from './homicideLayout.ts';
import { knifeCrimeDashboardLayout } from './knifeCrimeDashboardLayout.ts';
import { mpsWideLayouts } from './mpsWideLayouts.ts';
import { thoroughSearchesLayout } from './thoroughSearchesLayout.ts';
import { vawgLayouts } from './vawgLayouts.ts';

/** Every Metropolitan Police (London Datastore) layout. */
export const mpsLayouts: Layout[] = [
  ...mpsWideLayouts,
  knifeCrimeDashboardLayout,
  ...vawgLayouts,
  homicideLayout,
  custodyLayout,
  thoroughSearchesLayout,
];
