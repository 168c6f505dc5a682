/**
 * The application under load, in its own process (forked by index.ts) so the
 * load generator never shares its event loop: opens the database named by
 * argv (`pglite` or a PostgreSQL URL), loads one scenario's data, creates the
 * load-test users and API tokens, listens on loopback and tells the parent
 * over IPC; closes when the parent says "stop".
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Kysely } from 'kysely';
import { createApp } from '../../src/app.ts';
import { createApiToken } from '../../src/auth/apiTokens.ts';
import type { Role } from '../../src/auth/policy.ts';
import { insertUser } from '../../src/auth/users.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { prepareDemo } from '../../src/demo/prepareDemo.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { refreshAggregatesForBatch } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { services } from '../../src/services.ts';
import { sharedData } from '../../test/sharedData.ts';
import { PASSWORD, type ServerReady } from './protocol.ts';

const PEOPLE = [
  'police:analyst',
  'local_authority:data_owner',
  'health:viewer',
  'probation:partnership_manager',
  'youth_justice:analyst',
] as const;

const [target, scenario, clientCount] = process.argv.slice(2) as [string, 'platform' | 'dashboard', string];
// SAFER_BENCH_PGLITE_DIR keeps the PGlite database in a folder, so a repeat run finds the demo already imported.
const database = await createDatabase(
  target === 'pglite'
    ? { kind: 'pglite', dataDir: process.env.SAFER_BENCH_PGLITE_DIR ?? 'memory://' }
    : { kind: 'postgres', url: target },
);
await migrateToLatest(database.db as unknown as Kysely<unknown>);
const started = Date.now();
const paths: string[] = [];
if (scenario === 'platform') {
  const batch = await importFile(database, sharedData('mps/borough/recorded-crime-borough.csv'), {
    importedBy: 'bench',
    refreshAggregates: refreshAggregatesForBatch,
  });
  paths.push('/data/imports', `/data/imports/${batch.batchId}`, '/api/v1/batches', `/api/v1/batches/${batch.batchId}`);
} else {
  await prepareDemo(database, {
    syntheticDir: join(tmpdir(), `safer-bench-demo-${process.pid}`),
    importedBy: 'bench',
    print: () => {},
  });
}
const preparedSeconds = Math.round((Date.now() - started) / 1000);
const config = loadConfig({
  NODE_ENV: 'test',
  SAFER_RATE_LIMIT_PER_MINUTE: '10000000',
  SAFER_SIGN_IN_LIMIT_PER_MINUTE: '10000',
});
const app = await createApp(services({ config, database }));
await app.listen({ port: 0, host: '127.0.0.1' });

const users = [];
for (const [i, p] of PEOPLE.entries()) {
  const [agency, role] = p.split(':') as [string, Role];
  users.push(
    await insertUser(database.db, {
      email: `load-${scenario}-${process.pid}-${i}@example.org`,
      agency,
      role,
      password: PASSWORD,
    }),
  );
}
const accounts = [];
for (let i = 0; i < Number(clientCount); i++) {
  const user = users[i % users.length]!;
  accounts.push({
    email: user.email,
    token: (await createApiToken(database.db, { userId: user.id, name: 'load', scope: 'read' })).token,
  });
}
const ready: ServerReady = {
  base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
  accounts,
  paths,
  preparedSeconds,
};
process.send!(ready);
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await app.close();
  await database.close();
  process.exit(0);
});
