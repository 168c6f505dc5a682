/**
 * Load test of the web application on loopback: 50 concurrent signed-in
 * clients for 60 s (SAFER_BENCH_SECONDS to change), each cycling through
 * page views and API calls. Prints requests, errors and p50/p95/p99 latency
 * for PGlite and for PostgreSQL (skipped if no server answers at
 * SAFER_TEST_PG_URL or postgres://postgres@127.0.0.1:5432/postgres).
 * Bounded in time and aimed only at 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createApp } from '../../src/app.ts';
import { createApiToken } from '../../src/auth/apiTokens.ts';
import { insertUser } from '../../src/auth/users.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase, type Database } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { services } from '../../src/services.ts';
import { sharedData } from '../../test/sharedData.ts';

const CLIENTS = 50;
const SECONDS = Number(process.env.SAFER_BENCH_SECONDS ?? 60);
const PASSWORD = 'load test passphrase';
const PG_SERVER = process.env.SAFER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Outcome {
  engine: string;
  requests: number;
  errors: number;
  non2xx: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

async function run(engine: 'pglite' | 'postgres', database: Database): Promise<Outcome> {
  await migrateToLatest(database.db as unknown as Kysely<unknown>);
  const batch = await importFile(database, sharedData('mps/borough/recorded-crime-borough.csv'), { importedBy: 'bench' });
  const config = loadConfig({ NODE_ENV: 'test', SAFER_RATE_LIMIT_PER_MINUTE: '10000000', SAFER_SIGN_IN_LIMIT_PER_MINUTE: '10000' });
  const app = await createApp(services({ config, database }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    // Sign in 50 sessions across 5 people of different agencies and roles.
    const people = ['police:analyst', 'local_authority:data_owner', 'health:viewer', 'probation:partnership_manager', 'youth_justice:analyst'] as const;
    const users = [];
    for (const [i, p] of people.entries()) {
      const [agency, role] = p.split(':') as [string, 'analyst'];
      users.push(await insertUser(database.db, { email: `load${i}@example.org`, agency, role, password: PASSWORD }));
    }
    const clients: { cookie: string; token: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const user = users[i % users.length]!;
      clients.push({ cookie: await signIn(base, user.email), token: (await createApiToken(database.db, { userId: user.id, name: 'load', scope: 'read' })).token });
    }
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const result = await autocannon({
      url: base,
      connections: CLIENTS,
      duration: SECONDS,
      // Each connection keeps one signed-in client (cookie + token) in its own context.
      requests: ['/', '/data/imports', `/data/imports/${batch.batchId}`, '/api/v1/batches', `/api/v1/batches/${batch.batchId}`].map((path) => ({
        method: 'GET' as const,
        path,
        setupRequest: (req: autocannon.Request, context: object): autocannon.Request => {
          const ctx = context as { client?: { cookie: string; token: string } };
          ctx.client ??= clients[next++ % clients.length]!;
          return { ...req, headers: { cookie: ctx.client.cookie, authorization: `Bearer ${ctx.client.token}` } };
        },
      })),
      setupClient: (client) => {
        client.on('response', (status: number, _bytes: number, responseTime: number) => {
          latencies.push(responseTime);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        });
      },
    });
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN);
    if (statuses.size > 1 || !statuses.has(200)) console.log(`${engine}: status codes ${JSON.stringify(Object.fromEntries(statuses))}`);
    return {
      engine, requests: result.requests.total, errors: result.errors + result.timeouts, non2xx: result.non2xx,
      rps: Math.round(result.requests.average), p50: pct(50), p95: pct(95), p99: pct(99),
    };
  } finally {
    await app.close();
  }
}

/** Signs in through the real form (CSRF and all) and returns the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const pre = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: csrf, next: '/' }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('safer_session='));
  if (res.status !== 303 || !session) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return session.split(';')[0]!;
}

async function withPostgres(work: (database: Database) => Promise<Outcome>): Promise<Outcome | null> {
  const admin = new pg.Client({ connectionString: PG_SERVER });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `safer_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_SERVER);
  url.pathname = `/${name}`;
  const database = await createDatabase({ kind: 'postgres', url: url.toString() });
  try {
    return await work(database);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const outcomes: Outcome[] = [];
const pglite = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
try {
  outcomes.push(await run('pglite', pglite));
} finally {
  await pglite.close();
}
const postgres = await withPostgres((database) => run('postgres', database));
if (postgres) outcomes.push(postgres);

console.log(`\nbench/load: ${CLIENTS} signed-in clients, ${SECONDS} s per engine, pages (/, /data/imports, a batch) and API (/api/v1/batches, a batch) in turn`);
console.log('engine    requests  req/s  errors  non-2xx  p50 ms  p95 ms  p99 ms');
for (const o of outcomes) {
  console.log(`${o.engine.padEnd(9)} ${String(o.requests).padStart(8)} ${String(o.rps).padStart(6)} ${String(o.errors).padStart(7)} ${String(o.non2xx).padStart(8)} ${String(o.p50).padStart(7)} ${String(o.p95).padStart(7)} ${String(o.p99).padStart(7)}`);
}
if (!postgres) console.log('postgres  skipped: no PostgreSQL server answered');
if (outcomes.some((o) => o.errors > 0 || o.non2xx > 0)) process.exitCode = 1;
