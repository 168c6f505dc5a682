/**
 * Load test of the web application on loopback, per engine (PGlite, then
 * PostgreSQL if a server answers at SAFER_TEST_PG_URL or
 * postgres://postgres@127.0.0.1:5432/postgres):
 *  - platform: 50 signed-in clients for 60 s over data-management pages and
 *    the API, on one MPS borough file;
 *  - dashboard: 50 signed-in clients for 60 s over the dashboard pages on the
 *    full demo data (bundled real files + SYNTHETIC partner extracts), after
 *    one cold request per page (printed: the uncached cost of each page).
 * The app runs in a child process (server.ts) so the load generator does not
 * share its event loop. SAFER_BENCH_SECONDS changes the duration;
 * SAFER_BENCH_SCENARIOS=platform or dashboard and SAFER_BENCH_ENGINES=pglite or
 * postgres run one. Bounded in time and aimed only at 127.0.0.1.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { drive, signIn, type DriveOutcome, type SignedInClient } from './drive.ts';
import { withScratchPostgres } from './scratchPostgres.ts';
import { PASSWORD, type ServerReady } from './protocol.ts';

const CLIENTS = 50;
const SECONDS = Number(process.env.SAFER_BENCH_SECONDS ?? 60);
const SCENARIOS = (process.env.SAFER_BENCH_SCENARIOS ?? 'platform,dashboard').split(',');
const ENGINES = (process.env.SAFER_BENCH_ENGINES ?? 'pglite,postgres').split(',');

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

interface Row { engine: string; scenario: string; outcome: DriveOutcome; cold: { path: string; ms: number }[]; preparedSeconds: number }

/** Starts the app in a child process (bench/load/server.ts) and resolves when it listens. */
function startServer(target: string, scenario: string) {
  const child = fork(resolve(import.meta.dirname, 'server.ts'), [target, scenario, String(CLIENTS)], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<ServerReady>((ok, fail) => {
    child.once('message', (m) => ok(m as ServerReady));
    child.once('exit', (code) => fail(new Error(`load-test server exited with ${code} before listening`)));
  });
  const stop = () => new Promise<void>((done) => { child.once('exit', () => done()); child.send('stop'); });
  return { ready, stop };
}

async function scenario(engine: string, name: string, target: string): Promise<Row> {
  const server = startServer(target, name);
  const ready = await server.ready;
  console.log(`${engine}: ${name} data prepared in ${ready.preparedSeconds} s`);
  const paths = name === 'platform' ? ready.paths : DASHBOARD_PATHS;
  try {
    const clients: SignedInClient[] = [];
    for (const account of ready.accounts) clients.push({ cookie: await signIn(ready.base, account.email, PASSWORD), token: account.token });
    // One uncached request per page first: what the first reader after an import waits.
    const cold: { path: string; ms: number }[] = [];
    for (const path of paths) {
      const t0 = performance.now();
      const res = await fetch(`${ready.base}${path}`, { headers: { cookie: clients[0]!.cookie, authorization: `Bearer ${clients[0]!.token}` } });
      await res.arrayBuffer();
      cold.push({ path: `${path} (${res.status})`, ms: Math.round(performance.now() - t0) });
    }
    return { engine, scenario: name, outcome: await drive(ready.base, paths, clients, SECONDS), cold, preparedSeconds: ready.preparedSeconds };
  } finally {
    await server.stop();
  }
}

const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
console.log(`load average at start: ${load()}`);
const rows: Row[] = [];
if (ENGINES.includes('pglite')) for (const name of SCENARIOS) rows.push(await scenario('pglite', name, 'pglite'));
const pgRows = ENGINES.includes('postgres')
  ? await withScratchPostgres(async (create) => {
    const out: Row[] = [];
    for (const name of SCENARIOS) out.push(await scenario('postgres', name, await create()));
    return out;
  })
  : [];
if (pgRows) rows.push(...pgRows);

console.log(`\nbench/load: ${CLIENTS} signed-in clients (5 people, 5 agencies and roles), ${SECONDS} s per scenario and engine, loopback; the app in its own process, the load generator in this one`);
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
console.log(`load average at end: ${load()}`);
if (rows.some((r) => r.outcome.errors > 0 || r.outcome.non2xx > 0)) process.exitCode = 1;
