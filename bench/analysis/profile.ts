/**
 * Where the time of each dashboard figure goes: runs the twenty figures once
 * each on the (a) data set and prints every query's duration, slowest first.
 * The data set is generated once into a PGlite folder and reused:
 *   SAFER_PROFILE_DIR=/tmp/safer-profile node bin/run-ts.js bench/analysis/profile.ts [figure-name-substring]
 * SAFER_PROFILE_EXPLAIN=1 also prints the plan (EXPLAIN ANALYZE) of each figure's slowest query.
 */
import { existsSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, type LogEvent } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DB } from '../../src/db/schema.ts';
import { loadDefinitions } from '../../src/analysis/loadDefinitions.ts';
import { runAnalysis } from '../../src/analysis/runAnalysis.ts';
import type { AnalysisRequestInput } from '../../src/analysis/request.ts';
import { generateSyntheticRecords } from './syntheticRecords.ts';
import { rebuildAllAggregates } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { BOROUGH, FIGURES } from './figures.ts';

const dir = process.env.SAFER_PROFILE_DIR ?? '/tmp/safer-profile-a';
const fresh = !existsSync(dir);
const pglite = await PGlite.create(dir, { parsers: { 1082: (v: string) => v } });
let log: { sql: string; full: string; parameters: readonly unknown[]; ms: number }[] = [];
const db = new Kysely<DB>({
  dialect: new PGliteDialect({ pglite }),
  log: (e: LogEvent) => { log.push({ sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 160), full: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis }); },
});
await migrateToLatest(db as unknown as Kysely<unknown>);
if (fresh) await generateSyntheticRecords(db, { boroughs: [BOROUGH], records: 300_000, firstMonth: '2015-04-01', months: 120 });
else if (process.env.SAFER_PROFILE_REBUILD) await rebuildAllAggregates(db);
const definitions = await loadDefinitions();
const only = process.argv[2];
for (const [name, extra] of FIGURES) {
  if (only && !name.includes(only)) continue;
  const request = { area: BOROUGH, period: '2023/24', ...extra } as AnalysisRequestInput;
  await runAnalysis(db, definitions, request);
  log = [];
  const start = performance.now();
  await runAnalysis(db, definitions, request);
  const total = performance.now() - start;
  const inQueries = log.reduce((a, q) => a + q.ms, 0);
  console.log(`\n${name}: ${total.toFixed(1)} ms, ${log.length} queries, ${inQueries.toFixed(1)} ms in queries`);
  const slowest = [...log].sort((a, b) => b.ms - a.ms);
  for (const q of slowest.slice(0, 4)) console.log(`  ${q.ms.toFixed(1).padStart(7)} ms  ${q.sql}`);
  if (process.env.SAFER_PROFILE_EXPLAIN && slowest[0]) {
    const plan = await pglite.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${slowest[0].full}`, [...slowest[0].parameters]);
    console.log(plan.rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
  }
}
await db.destroy();
