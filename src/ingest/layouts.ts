import type { Layout } from './layout.ts';
import { mpsLayouts } from './mps/mpsLayouts.ts';
import { partnerLayouts } from './partner/partnerLayouts.ts';
import { policeUkLayouts } from './policeUk/policeUkLayouts.ts';
import { referenceLayouts } from './reference/referenceLayouts.ts';

/**
 * Every layout Safer can import. Adding a publisher's format is one folder
 * under ingest/ and one line here; detection prefers the most specific match.
 */
export const layouts: readonly Layout[] = [...mpsLayouts, ...partnerLayouts, ...policeUkLayouts, ...referenceLayouts];
