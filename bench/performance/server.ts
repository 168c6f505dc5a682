/**
 * The app under load for bench/performance, in its own process (forked by index.ts) so the load generator never
 * shares its event loop: opens the PostgreSQL database named by argv[2], imports the demo files the computed
 * indicators are counted from, syncs the starter indicators and writes SYNTHETIC accepted returns for them, creates
 * five readers (one per agency and role) with API tokens, listens on loopback and tells the parent over IPC; closes
 * when the parent says "stop".
 */
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { refreshAggregatesForBatch } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import type { Role } from '../../src/auth/policy.ts';
import { insertUser } from '../../src/auth/users.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DEMO_DATA_DIR } from '../../src/demo/prepareDemo.ts';
import { expandImportPaths } from '../../src/ingest/expandPaths.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { currentIndicators } from '../../src/performance/store/indicatorStore.ts';
import { loadIndicatorSet } from '../../src/performance/store/indicatorSet.ts';
import { PASSWORD } from '../load/protocol.ts';
import { serveForBench } from '../load/serveForBench.ts';
import { DEMO_FILES, type PerformanceServerReady, QUARTER } from './protocol.ts';
import { quartersEndingWith, seedAcceptedReturns } from './seedReturns.ts';

/** Four years of quarters: every period the scorecard shows at QUARTER has a value. */
const RETURN_QUARTERS = 16;

const PEOPLE = [
  'police:analyst',
  'local_authority:partnership_manager',
  'health:viewer',
  'probation:data_owner',
  'youth_justice:analyst',
] as const;

const [url, clientCount] = process.argv.slice(2) as [string, string];
const database = await createDatabase({ kind: 'postgres', url });
await migrateToLatest(database.db as unknown as Kysely<unknown>);
const started = Date.now();
for (const path of await expandImportPaths(DEMO_FILES.map((f) => join(DEMO_DATA_DIR, f)))) {
  const r = await importFile(database, path, { importedBy: 'bench', refreshAggregates: refreshAggregatesForBatch });
  if (r.status === 'rejected') throw new Error(`${path} was rejected: ${r.message}`);
}
const users = [];
for (const [i, p] of PEOPLE.entries()) {
  const [agency, role] = p.split(':') as [string, Role];
  users.push(
    await insertUser(database.db, { email: `perf-${process.pid}-${i}@example.org`, agency, role, password: PASSWORD }),
  );
}
await loadIndicatorSet(database.db);
const returnedValues = await seedAcceptedReturns(database.db, {
  indicators: (await currentIndicators(database.db)).map((s) => s.indicator),
  quarters: quartersEndingWith(QUARTER, RETURN_QUARTERS),
  userId: users[1]!.id,
});
const preparedSeconds = Math.round((Date.now() - started) / 1000);

await serveForBench(database, users, Number(clientCount), { preparedSeconds, returnedValues } satisfies Omit<
  PerformanceServerReady,
  'base' | 'accounts'
>);
