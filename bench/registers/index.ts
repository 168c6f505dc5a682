/**
 * Registers benchmark (issue 20): 100,000 SYNTHETIC weapon sweeps over Tower Hamlets on PostgreSQL (a scratch
 * database on the server of DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards) and
 * on PGlite (a temporary data folder, removed afterwards). Per engine the app runs in its own process
 * (server.ts), which first loads the file three ways: plain COPY, the register import (importRegisterFile), plain
 * COPY again. Then 50 signed-in clients (five people) drive, for SECONDS each, in this order:
 *   baseline: the signed-in home page /start and GET /api/v1/me;
 *   list:     /registers/weapon-sweeps (newest 50), its 100th page and a word search;
 *   layer:    the places map with the weapon-sweep layer (found on /places; "not available" when it is not there);
 *   counts:   /registers/weapon-sweeps/counts (entries by month) and weapons found by ward over three years.
 * Printed: p50/p95/p99 per path, each group's p95 against the baseline's, and the import's speed against the
 * faster COPY's. Targets (issue 20): p95 under 250 ms; import at least half the speed of COPY.
 * `npm run bench -- registers`; SAFER_BENCH_SECONDS (default 20), SAFER_BENCH_ENGINES=postgres,pglite,
 * SAFER_BENCH_REGISTER_ROWS (default 100000), SAFER_BENCH_LAYER_PATH (the layer's URL, if the search misses it).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type DriveOutcome, type SignedInClient, signIn } from '../load/drive.ts';
import { onEachEngine } from '../load/eachEngine.ts';
import { driveGroups, forkBenchServer, type Group, reportGroups } from '../load/groups.ts';
import { PASSWORD } from '../load/protocol.ts';
import { findLayerPath } from './findLayerPath.ts';
import type { LoadTiming, RegistersServerReady } from './protocol.ts';

const CLIENTS = 50;
const PEOPLE = 5;
const TARGET_MS = 250;
const SECONDS = Number(process.env.SAFER_BENCH_SECONDS ?? 20);
const ENGINES = (process.env.SAFER_BENCH_ENGINES ?? 'postgres,pglite').split(',');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

const rate = (t: LoadTiming) => Math.round(t.rows / Math.max(0.01, t.seconds));

function printLoads(engine: string, ready: RegistersServerReady): boolean {
  for (const [i, c] of ready.copies.entries())
    console.log(
      `${engine} plain COPY ${i === 0 ? 'before' : 'after'}: ${c.rows} rows in ${c.seconds} s (${rate(c)} rows/s)`,
    );
  if ('unavailable' in ready.imported) {
    console.log(`${engine} register import: not available (${ready.imported.unavailable})`);
    return false;
  }
  const copy = ready.copies.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const ratio = rate(ready.imported) / rate(copy);
  const ok = ratio >= 0.5;
  console.log(
    `${engine} register import: ${ready.imported.rows} rows in ${ready.imported.seconds} s (${rate(ready.imported)} rows/s), ${ratio.toFixed(2)}× the faster COPY's speed; target at least 0.5× ${ok ? 'met' : 'NOT met'}`,
  );
  if (ready.storage) {
    const floor = rate(ready.storage) / rate(copy);
    console.log(
      `${engine} the floor: the same entries and versions COPYed into copies of the register's tables in ${ready.storage.seconds} s (${rate(ready.storage)} rows/s), ${floor.toFixed(2)}× the plain COPY's speed; the import runs at ${(rate(ready.imported) / rate(ready.storage)).toFixed(2)}× the floor's speed`,
    );
  }
  return ok;
}

async function underLoad(engine: string, target: string): Promise<boolean> {
  const server = forkBenchServer<RegistersServerReady>(resolve(import.meta.dirname, 'server.ts'), [
    target,
    String(CLIENTS),
  ]);
  const ready = await server.ready;
  try {
    console.log(`${engine}: prepared in ${ready.preparedSeconds} s; ${ready.entries} weapon sweeps submitted`);
    const loadsOk = printLoads(engine, ready);
    const people = ready.accounts.slice(0, PEOPLE);
    const cookies = await Promise.all(people.map((a) => signIn(ready.base, a.email, PASSWORD)));
    const clients: SignedInClient[] = ready.accounts.map((a, i) => ({ cookie: cookies[i % PEOPLE]!, token: a.token }));
    const layer = process.env.SAFER_BENCH_LAYER_PATH ?? (await findLayerPath(ready.base, cookies[0]!));
    const from = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString().slice(0, 10);
    const groups: Group[] = [
      ['baseline', ['/start', '/api/v1/me']],
      ['list', ['/registers/weapon-sweeps', '/registers/weapon-sweeps?page=100', '/registers/weapon-sweeps?q=road']],
      ['layer', layer ? [layer] : []],
      [
        'counts',
        ['/registers/weapon-sweeps/counts', `/registers/weapon-sweeps/counts?measure=items-found&by=ward&from=${from}`],
      ],
    ];
    // One group at a time, so that a missing layer is said in its place among the groups' first requests.
    const outcomes: [string, DriveOutcome][] = [];
    for (const [name, paths] of groups) {
      if (paths.length === 0) {
        console.log(`${name}: not available (no weapon-sweep layer found on /places; set SAFER_BENCH_LAYER_PATH)`);
        continue;
      }
      outcomes.push(...(await driveGroups(ready.base, [[name, paths]], clients, SECONDS)));
    }
    const pagesOk = reportGroups(engine, outcomes, {
      clients: CLIENTS,
      people: PEOPLE,
      seconds: SECONDS,
      targetMs: TARGET_MS,
      width: 64,
    });
    return loadsOk && pagesOk;
  } finally {
    await server.stop();
  }
}

const started = performance.now();
console.log(`load average at start: ${load()}`);
const allMet = await onEachEngine(ENGINES, SERVER, underLoad);
console.log(`\nload average at end: ${load()}; bench ran ${Math.round((performance.now() - started) / 1000)} s`);
if (!allMet) process.exitCode = 1;
