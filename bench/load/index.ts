/**
 * Load test of the web application on loopback, per engine (PGlite, then
 * PostgreSQL if a server answers at SAFER_TEST_PG_URL or
 * postgres://postgres@127.0.0.1:5432/postgres):
 *  - platform: 50 signed-in clients for 60 s over data-management pages and
 *    the API, on one MPS borough file;
 *  - dashboard: 50 signed-in clients for 60 s over the dashboard pages on the
 *    full demo data (bundled real files + SYNTHETIC partner extracts), after
 *    one cold request per page (printed: the uncached cost of each page).
 * SAFER_BENCH_SECONDS changes the duration; SAFER_BENCH_SCENARIOS=platform or
 * dashboard runs one. Bounded in time and aimed only at 127.0.0.1.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Kysely } from 'kysely';
import { createApp } from '../../src/app.ts';
import { createApiToken } from '../../src/auth/apiTokens.ts';
import { insertUser } from '../../src/auth/users.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase, type Database } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { prepareDemo } from '../../src/demo/prepareDemo.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { services } from '../../src/services.ts';
import { sharedData } from '../../test/sharedData.ts';
import { drive, signIn, type DriveOutcome, type SignedInClient } from './drive.ts';
import { withScratchPostgres } from './scratchPostgres.ts';

const CLIENTS = 50;
const SECONDS = Number(process.env.SAFER_BENCH_SECONDS ?? 60);
const PASSWORD = 'load test passphrase';
const SCENARIOS = (process.env.SAFER_BENCH_SCENARIOS ?? 'platform,dashboard').split(',');
const PEOPLE = ['police:analyst', 'local_authority:data_owner', 'health:viewer', 'probation:partnership_manager', 'youth_justice:analyst'] as const;

const DASHBOARD_PATHS = [
  '/dashboard',
  '/dashboard?period=2024%2F25',
  '/dashboard/trends',
  '/dashboard/places',
  '/dashboard/places?level=lsoa',
  '/dashboard/time',
  '/dashboard/people',
  '/explorer?definition=knife-crime-with-injury&area=E09000030&by=month',
];

interface Row { engine: string; scenario: string; outcome: DriveOutcome; cold: { path: string; ms: number }[] }

async function scenario(engine: string, name: string, database: Database): Promise<Row> {
  let paths: string[];
  if (name === 'platform') {
    const batch = await importFile(database, sharedData('mps/borough/recorded-crime-borough.csv'), { importedBy: 'bench' });
    paths = ['/data/imports', `/data/imports/${batch.batchId}`, '/api/v1/batches', `/api/v1/batches/${batch.batchId}`];
  } else {
    const started = Date.now();
    await prepareDemo(database, { syntheticDir: join(tmpdir(), `safer-bench-demo-${process.pid}`), importedBy: 'bench', print: () => {} });
    console.log(`${engine}: demo data prepared in ${Math.round((Date.now() - started) / 1000)} s`);
    paths = DASHBOARD_PATHS;
  }
  const config = loadConfig({ NODE_ENV: 'test', SAFER_RATE_LIMIT_PER_MINUTE: '10000000', SAFER_SIGN_IN_LIMIT_PER_MINUTE: '10000' });
  const app = await createApp(services({ config, database }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const clients: SignedInClient[] = [];
    const users = [];
    for (const [i, p] of PEOPLE.entries()) {
      const [agency, role] = p.split(':') as [string, 'analyst'];
      users.push(await insertUser(database.db, { email: `load-${name}-${i}@example.org`, agency, role, password: PASSWORD }));
    }
    for (let i = 0; i < CLIENTS; i++) {
      const user = users[i % users.length]!;
      clients.push({ cookie: await signIn(base, user.email, PASSWORD), token: (await createApiToken(database.db, { userId: user.id, name: 'load', scope: 'read' })).token });
    }
    // One uncached request per page first: what the first reader after an import waits.
    const cold: { path: string; ms: number }[] = [];
    for (const path of paths) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { cookie: clients[0]!.cookie, authorization: `Bearer ${clients[0]!.token}` } });
      await res.arrayBuffer();
      cold.push({ path: `${path} (${res.status})`, ms: Math.round(performance.now() - t0) });
    }
    return { engine, scenario: name, outcome: await drive(base, paths, clients, SECONDS), cold };
  } finally {
    await app.close();
  }
}

async function onEngine(engine: string, open: () => Promise<Database>, close: (d: Database) => Promise<void>): Promise<Row[]> {
  const rows: Row[] = [];
  for (const name of SCENARIOS) {
    const database = await open();
    try {
      await migrateToLatest(database.db as unknown as Kysely<unknown>);
      rows.push(await scenario(engine, name, database));
    } finally {
      await close(database);
    }
  }
  return rows;
}

const rows: Row[] = [];
rows.push(...await onEngine('pglite', () => createDatabase({ kind: 'pglite', dataDir: 'memory://' }), (d) => d.close()));
const pgRows = await withScratchPostgres((open, close) => onEngine('postgres', open, close));
if (pgRows) rows.push(...pgRows);

console.log(`\nbench/load: ${CLIENTS} signed-in clients (5 people, 5 agencies and roles), ${SECONDS} s per scenario and engine, loopback`);
console.log('engine    scenario   path                                                   requests  non-2xx  p50 ms  p95 ms  p99 ms');
for (const r of rows) {
  const o = r.outcome;
  console.log(`${r.engine.padEnd(9)} ${r.scenario.padEnd(10)} ${'(all)'.padEnd(54)} ${String(o.requests).padStart(8)} ${String(o.non2xx).padStart(8)} ${String(o.p50).padStart(7)} ${String(o.p95).padStart(7)} ${String(o.p99).padStart(7)}   errors ${o.errors}, ${o.rps} req/s, statuses ${JSON.stringify(o.statuses)}`);
  for (const p of o.perPath) {
    console.log(`${''.padEnd(9)} ${''.padEnd(10)} ${p.path.slice(0, 54).padEnd(54)} ${String(p.requests).padStart(8)} ${String(p.non2xx).padStart(8)} ${String(p.p50).padStart(7)} ${String(p.p95).padStart(7)} ${String(p.p99).padStart(7)}`);
  }
  console.log(`${''.padEnd(20)} cold (first, uncached) request per page: ${r.cold.map((c) => `${c.path} ${c.ms} ms`).join('; ')}`);
}
if (!pgRows) console.log('postgres  skipped: no PostgreSQL server answered');
if (rows.some((r) => r.outcome.errors > 0 || r.outcome.non2xx > 0)) process.exitCode = 1;
