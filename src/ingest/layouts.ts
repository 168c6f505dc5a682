import type { Layout } from './layout.ts';
import { mpsWideLayouts } from './mps/mpsWideLayouts.ts';

/**
 * Every layout Safer can import. Adding a publisher's format is one folder
 * under ingest/ and one line here; detection prefers the most specific match.
 */
export const layouts: readonly Layout[] = [...mpsWideLayouts];
