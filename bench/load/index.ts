/**
 * Load test of the web application on loopback, per engine (PGlite, then
 * PostgreSQL if a server answers at SAFER_TEST_PG_URL or
 * postgres://postgres@127.0.0.1:5432/postgres):
 *  - platform: 50 signed-in clients for 60 s over data-management pages and
 *    the API, on one MPS borough file;
 *  - dashboard: 50 signed-in clients for 60 s over the dashboard pages on the
 *    full demo data (bundled real files + SYNTHETIC partner extracts), after
 *    one cold request per page and person (printed for the first person: the
 *    uncached cost of each page; pages are cached per access scope): the
 *    cached mix; then, on the same app, 60 s of the miss mix (missMix.ts:
 *    33 boroughs × periods × definitions × pages, most asked once, so most
 *    requests miss the page and result caches), with its miss share from the
 *    app's cache counters and from the request sequence, against a p95
 *    target of 250 ms.
 * The app runs in a child process (server.ts) so the load generator does not
 * share its event loop. SAFER_BENCH_SECONDS changes the duration;
 * SAFER_BENCH_SCENARIOS=platform or dashboard, SAFER_BENCH_ENGINES=pglite or
 * postgres and SAFER_BENCH_MIXES=cached or miss run one; SAFER_BENCH_DATABASE_URL
 * reuses a prepared PostgreSQL database and SAFER_BENCH_PGLITE_DIR a PGlite
 * folder (kept between runs); SAFER_BENCH_CPU_PROF=<folder> profiles the app.
 * `--checkout <dir>` (or SAFER_BENCH_CHECKOUT=<dir>): also runs the app from
 * another checkout of the repository (e.g. a git worktree of an earlier
 * commit with node_modules symlinked), "before", then this one, "after", in
 * the same run, and prints after/before. Bounded in time and aimed only at 127.0.0.1.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { drive, signIn, type SignedInClient } from './drive.ts';
import { driveLists } from './driveLists.ts';
import { missMix, probePaths } from './missMix.ts';
import { withScratchPostgres } from './scratchPostgres.ts';
import { PASSWORD, type CacheCounters } from './protocol.ts';
import { startServer, type Checkout } from './serverProcess.ts';
import { printCachedTables, printMissDetail, printMixSummary, type MissRun, type Row } from './report.ts';

const CLIENTS = 50;
/** Distinct people (each a different agency and role) the clients sign in as; see server.ts. */
const PEOPLE = 5;
const SECONDS = Number(process.env.SAFER_BENCH_SECONDS ?? 60);
const SCENARIOS = (process.env.SAFER_BENCH_SCENARIOS ?? 'platform,dashboard').split(',');
const ENGINES = (process.env.SAFER_BENCH_ENGINES ?? 'pglite,postgres').split(',');
const MIXES = (process.env.SAFER_BENCH_MIXES ?? 'cached,miss').split(',');
/** Paths per connection in the miss mix: more than a connection gets through in SECONDS, so none repeats its list. */
const MISS_PATHS = Number(process.env.SAFER_BENCH_MISS_PATHS ?? 200);
const MISS_TARGET_MS = 250;
/** Misses per page asked one at a time before the miss mix (SAFER_BENCH_MISS_PROBE; 0 for none). */
const MISS_PROBE = Number(process.env.SAFER_BENCH_MISS_PROBE ?? 2);
/** SAFER_BENCH_MISS_PAGES=overview,trends,…: the miss mix over some pages only (see PAGES in missMix.ts). */
const MISS_PAGES = process.env.SAFER_BENCH_MISS_PAGES?.split(',');
const argCheckout = process.argv.indexOf('--checkout');
const CHECKOUT = argCheckout >= 0 ? process.argv[argCheckout + 1] : process.env.SAFER_BENCH_CHECKOUT;
const CHECKOUTS: Checkout[] = CHECKOUT
  ? [
      { label: 'before', root: resolve(CHECKOUT) },
      { label: 'after', root: undefined },
    ]
  : [{ label: '', root: undefined }];

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

async function scenario(engine: string, name: string, target: string, checkout: Checkout): Promise<Row> {
  const server = startServer(target, name, CLIENTS, checkout);
  const ready = await server.ready;
  const who = `${engine}${checkout.label ? ` (${checkout.label})` : ''}`;
  console.log(`${who}: ${name} data prepared in ${ready.preparedSeconds} s`);
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
      `${who}: ${name}: first request of each page for each of ${PEOPLE} people in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`,
    );
    const outcome = MIXES.includes('cached')
      ? await drive(ready.base, paths, clients, SECONDS)
      : { requests: 0, errors: 0, non2xx: 0, rps: 0, p50: NaN, p95: NaN, p99: NaN, perPath: [], statuses: {} };
    let miss: MissRun | null = null;
    if (name === 'dashboard' && MIXES.includes('miss')) {
      // Connection c signs in as clients[c], whose person (and access scope) is c mod PEOPLE (server.ts).
      const lists = missMix(CLIENTS, MISS_PATHS, 2026, MISS_PAGES);
      // First, a few other misses one at a time (the first person), on the app with nothing else to do.
      const probe: { path: string; status: number; ms: number }[] = [];
      for (const path of probePaths(MISS_PROBE, lists, MISS_PAGES)) {
        const t0 = performance.now();
        const res = await fetch(`${ready.base}${path}`, {
          headers: { cookie: clients[0]!.cookie, authorization: `Bearer ${clients[0]!.token}` },
        });
        await res.arrayBuffer();
        probe.push({ path, status: res.status, ms: Math.round(performance.now() - t0) });
      }
      const before = await server.counters();
      const missOutcome = await driveLists(ready.base, lists, clients, SECONDS);
      const after = await server.counters();
      const counters =
        before && after
          ? (Object.fromEntries(
              Object.entries(after).map(([k, v]) => [k, v - before[k as keyof CacheCounters]]),
            ) as unknown as CacheCounters)
          : null;
      miss = { lists, outcome: missOutcome, counters, scopeOf: (c) => c % PEOPLE, probe };
      console.log(`${who}: miss mix: ${missOutcome.requests} requests in ${SECONDS} s`);
    }
    return {
      engine,
      checkout: checkout.label,
      scenario: name,
      outcome,
      cold,
      preparedSeconds: ready.preparedSeconds,
      miss,
    };
  } finally {
    await server.stop();
  }
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const benchStarted = performance.now();
console.log(`load average at start: ${load()}`);
const rows: Row[] = [];
if (ENGINES.includes('pglite'))
  for (const checkout of CHECKOUTS)
    for (const name of SCENARIOS) rows.push(await scenario('pglite', name, 'pglite', checkout));
const pgRows = ENGINES.includes('postgres')
  ? await withScratchPostgres(async (create) => {
      const out: Row[] = [];
      // SAFER_BENCH_DATABASE_URL reuses a database already holding the demo (repeat runs skip the import);
      // only for this checkout: another checkout gets a database of its own.
      for (const checkout of CHECKOUTS)
        for (const name of SCENARIOS) {
          const url = (!checkout.root && process.env.SAFER_BENCH_DATABASE_URL) || (await create());
          out.push(await scenario('postgres', name, url, checkout));
        }
      return out;
    })
  : [];
if (pgRows) rows.push(...pgRows);

console.log(
  `\nbench/load: ${CLIENTS} signed-in clients (5 people, 5 agencies and roles), ${SECONDS} s per scenario, mix and engine, loopback; the app in its own process, the load generator in this one${CHECKOUT ? `; before = ${resolve(CHECKOUT)}, after = this checkout` : ''}`,
);
if (MIXES.includes('cached')) printCachedTables(rows);
for (const r of rows) if (r.miss) printMissDetail(r);
printMixSummary(rows, MISS_TARGET_MS, CLIENTS, SECONDS);
if (!pgRows) console.log('postgres  skipped: no PostgreSQL server answered');
console.log(`load average at end: ${load()}; bench ran ${Math.round((performance.now() - benchStarted) / 1000)} s`);
if (rows.some((r) => r.outcome.errors > 0 || r.outcome.non2xx > 0)) process.exitCode = 1;
