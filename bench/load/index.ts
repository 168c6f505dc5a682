/**
 * Load test of the web application on loopback, per engine (PGlite, then
 * PostgreSQL if a server answers at SAFER_TEST_PG_URL or
 * postgres://postgres@127.0.0.1:5432/postgres):
 *  - platform: 50 signed-in clients for 60 s over data-management pages and
 *    the API, on one MPS borough file;
 *  - dashboard: 50 signed-in clients for 60 s over the dashboard pages on the
 *    full demo data (bundled real files + SYNTHETIC partner extracts), after
 *    one cold request per page and person (printed for the first person: the
 *    uncached cost of each page; pages are cached per access scope).
 * The app runs in a child process (server.ts) so the load generator does not
 * share its event loop. SAFER_BENCH_SECONDS changes the duration;
 * SAFER_BENCH_SCENARIOS=platform or dashboard and SAFER_BENCH_ENGINES=pglite or
 * postgres run one; SAFER_BENCH_DATABASE_URL reuses a prepared PostgreSQL
 * database and SAFER_BENCH_PGLITE_DIR a PGlite folder (kept between runs);
 * SAFER_BENCH_CPU_PROF=<folder> profiles the app. Bounded in time and aimed only at 127.0.0.1.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { drive, signIn, type DriveOutcome, type SignedInClient } from './drive.ts';
import { withScratchPostgres } from './scratchPostgres.ts';
import { PASSWORD, type ServerReady } from './protocol.ts';

const CLIENTS = 50;
/** Distinct people (each a different agency and role) the clients sign in as; see server.ts. */
const PEOPLE = 5;
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

interface Row {
  engine: string;
  scenario: string;
  outcome: DriveOutcome;
  cold: { path: string; ms: number }[];
  preparedSeconds: number;
}

/** Starts the app in a child process (bench/load/server.ts) and resolves when it listens. */
function startServer(target: string, scenario: string) {
  const child = fork(resolve(import.meta.dirname, 'server.ts'), [target, scenario, String(CLIENTS)], {
    // SAFER_BENCH_CPU_PROF=<folder>: the app's CPU profile, written when it stops (open in Chrome DevTools).
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.SAFER_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SAFER_BENCH_CPU_PROF}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<ServerReady>((ok, fail) => {
    child.once('message', (m) => ok(m as ServerReady));
    child.once('exit', (code) => fail(new Error(`load-test server exited with ${code} before listening`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      child.once('exit', () => done());
      child.send('stop');
    });
  return { ready, stop };
}

async function scenario(engine: string, name: string, target: string): Promise<Row> {
  const server = startServer(target, name);
  const ready = await server.ready;
  console.log(`${engine}: ${name} data prepared in ${ready.preparedSeconds} s`);
  const paths = name === 'platform' ? ready.paths : DASHBOARD_PATHS;
  try {
    const clients: SignedInClient[] = [];
    for (const account of ready.accounts)
      clients.push({ cookie: await signIn(ready.base, account.email, PASSWORD), token: account.token });
    // One uncached request per page and person first: the first person's times are what the first reader
    // after an import waits; the others warm the pages for their own access scope (pages are cached per scope).
    const cold: { path: string; ms: number }[] = [];
    const warmStarted = performance.now();
    for (const [i, client] of clients.slice(0, PEOPLE).entries()) {
      for (const path of paths) {
        const t0 = performance.now();
        const res = await fetch(`${ready.base}${path}`, {
          headers: { cookie: client.cookie, authorization: `Bearer ${client.token}` },
        });
        await res.arrayBuffer();
        if (i === 0)
          cold.push({
            path: `${path} (${res.status}, ${Math.round(Number(res.headers.get('content-length') ?? 0) / 1024)} KB)`,
            ms: Math.round(performance.now() - t0),
          });
      }
    }
    console.log(
      `${engine}: ${name}: first request of each page for each of ${PEOPLE} people in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`,
    );
    return {
      engine,
      scenario: name,
      outcome: await drive(ready.base, paths, clients, SECONDS),
      cold,
      preparedSeconds: ready.preparedSeconds,
    };
  } finally {
    await server.stop();
  }
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
console.log(`load average at start: ${load()}`);
const rows: Row[] = [];
if (ENGINES.includes('pglite')) for (const name of SCENARIOS) rows.push(await scenario('pglite', name, 'pglite'));
const pgRows = ENGINES.includes('postgres')
  ? await withScratchPostgres(async (create) => {
      const out: Row[] = [];
      // SAFER_BENCH_DATABASE_URL reuses a database already holding the demo (repeat runs skip the import).
      for (const name of SCENARIOS)
        out.push(await scenario('postgres', name, process.env.SAFER_BENCH_DATABASE_URL ?? (await create())));
      return out;
    })
  : [];
if (pgRows) rows.push(...pgRows);

console.log(
  `\nbench/load: ${CLIENTS} signed-in clients (5 people, 5 agencies and roles), ${SECONDS} s per scenario and engine, loopback; the app in its own process, the load generator in this one`,
);
console.log(
  'engine    scenario   path                                                   requests  non-2xx  p50 ms  p95 ms  p99 ms',
);
for (const r of rows) {
  const o = r.outcome;
  console.log(
    `${r.engine.padEnd(9)} ${r.scenario.padEnd(10)} ${'(all)'.padEnd(54)} ${String(o.requests).padStart(8)} ${String(o.non2xx).padStart(8)} ${String(o.p50).padStart(7)} ${String(o.p95).padStart(7)} ${String(o.p99).padStart(7)}   errors ${o.errors}, ${o.rps} req/s, statuses ${JSON.stringify(o.statuses)}`,
  );
  for (const p of o.perPath) {
    console.log(
      `${''.padEnd(9)} ${''.padEnd(10)} ${p.path.slice(0, 54).padEnd(54)} ${String(p.requests).padStart(8)} ${String(p.non2xx).padStart(8)} ${String(p.p50).padStart(7)} ${String(p.p95).padStart(7)} ${String(p.p99).padStart(7)}`,
    );
  }
  console.log(
    `${''.padEnd(20)} cold (first, uncached) request per page: ${r.cold.map((c) => `${c.path} ${c.ms} ms`).join('; ')}`,
  );
}
if (!pgRows) console.log('postgres  skipped: no PostgreSQL server answered');
console.log(`load average at end: ${load()}`);
if (rows.some((r) => r.outcome.errors > 0 || r.outcome.non2xx > 0)) process.exitCode = 1;
