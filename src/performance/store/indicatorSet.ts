import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Theme } from '../indicatorSchema.ts';
import { INDICATORS_DIR, loadIndicators } from '../loadIndicators.ts';
import { syncIndicatorFiles } from './indicatorStore.ts';

export interface IndicatorSetStatus {
  /** The themes from indicators/themes.json, in the order the pack prints them. */
  themes: Theme[];
  /** File versions that differ from what the database holds under the same version (never overwritten). */
  conflicts: string[];
}

/**
 * Reads indicators/ and copies any new file version into the database: what the app does once at start, and the
 * CLI before it uses indicators. The database then holds every version, the files' and the service's edits.
 */
export async function loadIndicatorSet(db: Kysely<DB>, dir: string = INDICATORS_DIR): Promise<IndicatorSetStatus> {
  const files = await loadIndicators(dir);
  const { conflicts } = await syncIndicatorFiles(db, files.indicators);
  return { themes: files.themes, conflicts };
}
