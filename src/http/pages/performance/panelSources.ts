import { panelCountPort, panelFactsVersion } from '../../../panels/counts/panelCountPort.ts';
import type { CountPanel } from '../../../performance/values/panelValue.ts';
import type { Services } from '../../../services.ts';

/**
 * Panel counts for indicators computed from a panel measure (issue 21): anonymous and released suppressed, so the
 * same for every reader. Every place that passes `readerRegisterCounts` passes this beside it.
 */
export function panelIndicatorCounts(services: Services): CountPanel {
  return panelCountPort(services.db, services.now());
}

/** The part of a cached page's key that panel-sourced values depend on. */
export async function panelValuesKey(services: Services): Promise<string> {
  return panelFactsVersion(services.db);
}
