/**
 * Synthetic scale on PostgreSQL: 400 returned indicators in 10 themes × 40 quarters of accepted SYNTHETIC returns,
 * then the scorecard over all of it, beside the same over one theme (40 indicators) in the same database and run;
 * and the pack when its builder is present. Prints; never asserts a time.
 */
import type { Kysely } from 'kysely';
import { AGENCY_KINDS } from '../../src/auth/policy.ts';
import { insertUser } from '../../src/auth/users.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { Indicator, type Theme } from '../../src/performance/indicatorSchema.ts';
import { buildScorecard, type ScorecardFilter } from '../../src/performance/values/scorecard.ts';
import { measurePack } from './pack.ts';
import { quartersEndingWith, seedAcceptedReturns } from './seedReturns.ts';

const INDICATORS = 400;
const THEMES = 10;
const QUARTERS = 40;
const LAST_QUARTER = '2025/26 Q2';
const RUNS = 3;
const tolerance = { amberWithinPercent: 5, text: 'amber within 5% of the target' };
const PERIOD_TYPES = ['quarter', 'october-september', 'rolling-12-months', 'financial-year'] as const;

export const syntheticThemes: Theme[] = Array.from({ length: THEMES }, (_, n) => ({
  id: `bench-theme-${n}`,
  name: `SYNTHETIC theme ${n}`,
  order: n,
  citation: 'SYNTHETIC: bench/performance',
}));

/** A mix like the starter set's: counts and percentages, four period types, targets of each kind. */
function syntheticIndicator(n: number): Indicator {
  const percentage = n % 3 === 0;
  return Indicator.parse({
    id: `bench-indicator-${String(n).padStart(3, '0')}`,
    version: 1,
    name: `SYNTHETIC indicator ${n}`,
    theme: `bench-theme-${n % THEMES}`,
    leadAgency: AGENCY_KINDS[n % AGENCY_KINDS.length],
    subgroup: `Subgroup ${n % 5}`,
    unit: percentage ? { kind: 'percentage', numerator: 'cases resolved', denominator: 'cases' } : { kind: 'count' },
    polarity: percentage ? 'higher-is-better' : 'lower-is-better',
    periodType: PERIOD_TYPES[n % PERIOD_TYPES.length],
    target:
      n % 2 === 0
        ? { kind: 'change', percent: -5, against: 'previous', tolerance }
        : percentage
          ? { kind: 'value', value: 50, tolerance }
          : { kind: 'none' },
    source: { kind: 'returned', description: 'SYNTHETIC benchmark indicator' },
    citation: 'SYNTHETIC: bench/performance',
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timeScorecard(db: Kysely<DB>, filter: ScorecardFilter): Promise<{ runs: number[]; rows: number }> {
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const card = await buildScorecard(db, null, {
      quarter: LAST_QUARTER,
      area: 'E09000030',
      themes: syntheticThemes,
      filter,
    });
    runs.push(performance.now() - t0);
    rows = card.themes.reduce((n, t) => n + t.rows.length, 0);
  }
  return { runs, rows };
}

export async function measureScale(url: string): Promise<void> {
  const database = await createDatabase({ kind: 'postgres', url });
  try {
    const db = database.db;
    await migrateToLatest(db as unknown as Kysely<unknown>);
    const manager = await insertUser(db, {
      email: 'bench-manager@example.org',
      agency: 'local_authority',
      role: 'partnership_manager',
      password: 'bench passphrase not used',
    });
    const indicators = Array.from({ length: INDICATORS }, (_, n) => syntheticIndicator(n));
    const t0 = performance.now();
    await db
      .insertInto('indicator_version')
      .values(
        indicators.map((i) => ({
          indicator_id: i.id,
          version: i.version,
          body: JSON.stringify(i),
          origin: 'file' as const,
        })),
      )
      .execute();
    const values = await seedAcceptedReturns(db, {
      indicators,
      quarters: quartersEndingWith(LAST_QUARTER, QUARTERS),
      userId: manager.id,
    });
    console.log(
      `scale: ${INDICATORS} indicators × ${QUARTERS} quarters: ${values.toLocaleString('en-GB')} accepted values inserted in ${seconds(performance.now() - t0)}`,
    );
    const one = await timeScorecard(db, { theme: 'bench-theme-0' });
    const all = await timeScorecard(db, {});
    console.log(`scale: buildScorecard at ${LAST_QUARTER} (${RUNS} runs each, median; runs in order)`);
    console.log(
      `  baseline: one theme, ${one.rows} indicators: ${seconds(median(one.runs))} (${one.runs.map(seconds).join(', ')})`,
    );
    console.log(
      `  all:      ${all.rows} indicators:           ${seconds(median(all.runs))} (${all.runs.map(seconds).join(', ')})`,
    );
    console.log(
      `  all / baseline: ${(median(all.runs) / median(one.runs)).toFixed(1)}× for ${(all.rows / one.rows).toFixed(0)}× the indicators`,
    );
    console.log(`scale: ${await measurePack(db, { quarter: LAST_QUARTER, themes: syntheticThemes, analyse: null })}`);
  } finally {
    await database.close();
  }
}
