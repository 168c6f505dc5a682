/**
 * The application under load, in its own process (forked by index.ts) so the
 * load generator never shares its event loop: opens the database named by
 * argv (`pglite` or a PostgreSQL URL), loads one scenario's data, creates the
 * load-test users and API tokens, listens on loopback and tells the parent
 * over IPC; answers "counters" with its cache counters and closes when the
 * parent says "stop". argv[5], when given, is the root of another checkout of
 * the repository whose src/ is run instead of this one's (--checkout).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import type { Role } from '../../src/auth/policy.ts';
import { queryProfile } from './queryProfile.ts';
import { PASSWORD, type CacheCounters, type ServerReady } from './protocol.ts';

const [target, scenario, clientCount, checkout] = process.argv.slice(2) as [
  string,
  'platform' | 'dashboard',
  string,
  string | undefined,
];
const root = resolve(checkout ?? join(import.meta.dirname, '../..'));
const from = (path: string) => import(pathToFileURL(join(root, path)).href);
const { createApp }: typeof import('../../src/app.ts') = await from('src/app.ts');
const { createApiToken }: typeof import('../../src/auth/apiTokens.ts') = await from('src/auth/apiTokens.ts');
const { insertUser }: typeof import('../../src/auth/users.ts') = await from('src/auth/users.ts');
const { loadConfig }: typeof import('../../src/config.ts') = await from('src/config.ts');
const { createDatabase }: typeof import('../../src/db/createDatabase.ts') = await from('src/db/createDatabase.ts');
const { migrateToLatest }: typeof import('../../src/db/migrate.ts') = await from('src/db/migrate.ts');
const { services }: typeof import('../../src/services.ts') = await from('src/services.ts');

const PEOPLE = [
  'police:analyst',
  'local_authority:data_owner',
  'health:viewer',
  'probation:partnership_manager',
  'youth_justice:analyst',
] as const;

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
  const { importFile }: typeof import('../../src/ingest/importFile.ts') = await from('src/ingest/importFile.ts');
  const { refreshAggregatesForBatch }: typeof import('../../src/analysis/aggregates/refreshAggregatesForBatch.ts') =
    await from('src/analysis/aggregates/refreshAggregatesForBatch.ts');
  const { sharedData }: typeof import('../../test/sharedData.ts') = await from('test/sharedData.ts');
  const batch = await importFile(database, sharedData('mps/borough/recorded-crime-borough.csv'), {
    importedBy: 'bench',
    refreshAggregates: refreshAggregatesForBatch,
  });
  paths.push('/data/imports', `/data/imports/${batch.batchId}`, '/api/v1/batches', `/api/v1/batches/${batch.batchId}`);
} else {
  const { prepareDemo }: typeof import('../../src/demo/prepareDemo.ts') = await from('src/demo/prepareDemo.ts');
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
// SAFER_BENCH_QUERY_PROFILE=1: the app's queries timed (queryProfile.ts), printed when it stops.
const profile = process.env.SAFER_BENCH_QUERY_PROFILE ? queryProfile(database.db) : null;
const appDatabase = profile
  ? new Proxy(database, {
      get: (t, k) => {
        const v = k === 'db' ? profile.db : Reflect.get(t, k, t);
        return typeof v === 'function' ? v.bind(t) : v;
      },
    })
  : database;
const appServices = services({ config, database: appDatabase });
const counters: CacheCounters = {
  pageLookups: 0,
  pageMisses: 0,
  apiLookups: 0,
  apiMisses: 0,
  innerLookups: 0,
  innerMisses: 0,
};
const insidePage = new AsyncLocalStorage<true>();
countLookups(appServices, 'pageCache');
countLookups(appServices, 'analysisCache');
const app = await createApp(appServices);
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
  if (message === 'counters') process.send!({ counters });
  if (message !== 'stop') return;
  await app.close();
  profile?.print();
  await database.close();
  process.exit(0);
});

/**
 * Counts lookups and misses (the compute ran) of one of the app's caches,
 * wrapping that instance's getOrCompute: page-cache lookups; result-cache
 * lookups made outside a page build (the API's own) and inside one.
 */
function countLookups(owner: object, name: 'pageCache' | 'analysisCache') {
  const cache = (owner as Record<string, Lookup | undefined>)[name];
  if (!cache) return;
  const original = cache.getOrCompute.bind(cache);
  cache.getOrCompute = (key, compute) => {
    const where = name === 'pageCache' ? 'page' : insidePage.getStore() ? 'inner' : 'api';
    counters[`${where}Lookups`] += 1;
    return original(key, () => {
      counters[`${where}Misses`] += 1;
      return name === 'pageCache' ? insidePage.run(true, compute) : compute();
    });
  };
}
interface Lookup {
  getOrCompute: (key: string, compute: () => Promise<unknown>) => Promise<unknown>;
}
