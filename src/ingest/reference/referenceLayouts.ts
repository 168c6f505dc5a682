import type { Layout } from '../layout.ts';
import { boundaryLayouts } from './boundaryLayouts.ts';
import { census2011EthnicLayout } from './census2011EthnicLayout.ts';
import { census2021AgeLayout, census2021MeasureLayout } from './census2021BulkLayouts.ts';
import { census2021NomisEthnicLayout } from './census2021NomisEthnicLayout.ts';
import { deprivationLayouts } from './deprivationLayouts.ts';
import { lookupLayouts } from './lookupLayouts.ts';
import { midYearEstimateLayout } from './midYearEstimateLayout.ts';
import { unitCostLayout } from './unitCostLayout.ts';

/** Every reference-data layout: lookups, boundaries, population, census, deprivation, unit costs of crime. */
export const referenceLayouts: Layout[] = [
  ...lookupLayouts,
  ...boundaryLayouts,
  census2021AgeLayout,
  census2021MeasureLayout,
  census2021NomisEthnicLayout,
  census2011EthnicLayout,
  midYearEstimateLayout,
  ...deprivationLayouts,
  unitCostLayout,
];
