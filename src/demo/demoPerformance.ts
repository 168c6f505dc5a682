import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { currentIndicators } from '../performance/store/indicatorStore.ts';
import { loadIndicatorSet } from '../performance/store/indicatorSet.ts';
import { seedDemoReturns } from './demoReturns.ts';

/**
 * The demo's quarter: its MPS files end in February 2026, so October–December 2025 is the last whole quarter,
 * the one a partnership would be collecting returns for.
 */
export const DEMO_QUARTER = '2025/26 Q3';

/** Copies the indicator files in and seeds SYNTHETIC returns once; says what it did in one line. */
export async function seedDemoPerformance(db: Kysely<DB>): Promise<string> {
  const set = await loadIndicatorSet(db);
  const indicators = (await currentIndicators(db)).map((s) => s.indicator);
  const r = await seedDemoReturns(db, {
    indicators,
    openQuarterLabel: DEMO_QUARTER,
    actorEmail: 'manager@council.demo',
  });
  const conflicts =
    set.conflicts.length > 0 ? ` (${set.conflicts.length} indicator file conflicts: ${set.conflicts.join('; ')})` : '';
  return 'seeded' in r
    ? `Performance: ${indicators.length} indicators; ${r.seeded} SYNTHETIC returned values accepted, ${DEMO_QUARTER} returns open${conflicts}`
    : `Performance: ${indicators.length} indicators; demo returns not seeded (${r.skipped})${conflicts}`;
}
