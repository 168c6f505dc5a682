/**
 * The app under load for bench/performance, in its own process (forked by index.ts) so the load generator never
 * shares its event loop: opens the PostgreSQL database named by argv[2], imports the demo files the computed
 * indicators are counted from, syncs the starter indicators and writes SYNTHETIC accepted returns for them, creates
 * five readers (one per agency and role) with API tokens, listens on loopback and tells the parent over IPC; closes
 * when the parent says "stop".
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { refreshAggregatesForBatch } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { createApp } from '../../src/app.ts';
import { createApiToken } from '../../src/auth/apiTokens.ts';
import type { Role } from '../../src/auth/policy.ts';
import { insertUser } from '../../src/auth/users.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DEMO_DATA_DIR } from '../../src/demo/prepareDemo.ts';
import { expandImportPaths } from '../../src/ingest/expandPaths.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { currentIndicators } from '../../src/performance/store/indicatorStore.ts';
import { loadIndicatorSet } from '../../src/performance/store/indicatorSet.ts';
import { services } from '../../src/services.ts';
import { PASSWORD } from '../load/protocol.ts';
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

const config = loadConfig({
  NODE_ENV: 'test',
  SAFER_RATE_LIMIT_PER_MINUTE: '10000000',
  SAFER_SIGN_IN_LIMIT_PER_MINUTE: '10000',
});
const app = await createApp(services({ config, database }));
await app.listen({ port: 0, host: '127.0.0.1' });
const accounts = [];
for (let i = 0; i < Number(clientCount); i++) {
  const user = users[i % users.length]!;
  accounts.push({
    email: user.email,
    token: (await createApiToken(database.db, { userId: user.id, name: 'bench', scope: 'read' })).token,
  });
}
const ready: PerformanceServerReady = {
  base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
  accounts,
  preparedSeconds,
  returnedValues,
};
process.send!(ready);
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await app.close();
  await database.close();
  process.exit(0);
});
