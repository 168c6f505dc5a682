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
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type DriveOutcome, drive, type SignedInClient, signIn } from '../load/drive.ts';
import { PASSWORD } from '../load/protocol.ts';
import { findLayerPath } from './findLayerPath.ts';
import type { LoadTiming, RegistersServerReady } from './protocol.ts';
import { onEachEngine } from '../load/eachEngine.ts';

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

function startServer(target: string) {
  const child = fork(resolve(import.meta.dirname, 'server.ts'), [target, String(CLIENTS)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<RegistersServerReady>((ok, fail) => {
    child.once('message', (m) => ok(m as RegistersServerReady));
    child.once('exit', (code) => fail(new Error(`bench server exited with ${code} before listening`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      child.once('exit', () => done());
      child.send('stop');
    });
  return { ready, stop, kill: () => child.kill() };
}

const row = (path: string, o: { requests: number; p50: number; p95: number; p99: number; non2xx: number }) =>
  `  ${path.padEnd(64)} ${String(o.requests).padStart(8)} ${String(o.p50).padStart(7)} ${String(o.p95).padStart(7)} ${String(o.p99).padStart(7)} ${String(o.non2xx).padStart(7)}`;

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
  return ok;
}

async function underLoad(engine: string, target: string): Promise<boolean> {
  const server = startServer(target);
  const ready = await server.ready;
  let met = true;
  try {
    console.log(`${engine}: prepared in ${ready.preparedSeconds} s; ${ready.entries} weapon sweeps submitted`);
    met = printLoads(engine, ready) && met;
    const people = ready.accounts.slice(0, PEOPLE);
    const cookies = await Promise.all(people.map((a) => signIn(ready.base, a.email, PASSWORD)));
    const clients: SignedInClient[] = ready.accounts.map((a, i) => ({ cookie: cookies[i % PEOPLE]!, token: a.token }));
    const layer = process.env.SAFER_BENCH_LAYER_PATH ?? (await findLayerPath(ready.base, cookies[0]!));
    const from = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString().slice(0, 10);
    const groups: [string, string[]][] = [
      ['baseline', ['/start', '/api/v1/me']],
      ['list', ['/registers/weapon-sweeps', '/registers/weapon-sweeps?page=100', '/registers/weapon-sweeps?q=road']],
      ['layer', layer ? [layer] : []],
      [
        'counts',
        ['/registers/weapon-sweeps/counts', `/registers/weapon-sweeps/counts?measure=items-found&by=ward&from=${from}`],
      ],
    ];
    const outcomes: [string, DriveOutcome][] = [];
    for (const [name, paths] of groups) {
      if (paths.length === 0) {
        console.log(`${name}: not available (no weapon-sweep layer found on /places; set SAFER_BENCH_LAYER_PATH)`);
        continue;
      }
      // One request per path first, timed alone: it builds what the page caches, and shows a refusal plainly.
      for (const path of paths) {
        const t0 = performance.now();
        const res = await fetch(`${ready.base}${path}`, {
          headers: { cookie: cookies[0]!, authorization: `Bearer ${ready.accounts[0]!.token}` },
        });
        await res.arrayBuffer();
        console.log(`  first ${path}: ${res.status} in ${Math.round(performance.now() - t0)} ms`);
      }
      outcomes.push([name, await drive(ready.base, paths, clients, SECONDS)]);
    }
    console.log(`${CLIENTS} signed-in clients (${PEOPLE} people), ${SECONDS} s per group, loopback, ${engine}`);
    console.log(`  ${'group / path'.padEnd(64)} requests  p50 ms  p95 ms  p99 ms  non-2xx`);
    for (const [name, o] of outcomes) {
      console.log(`${name} (${o.rps} req/s, errors ${o.errors}, p95 ${o.p95} ms)`);
      for (const p of o.perPath) console.log(row(p.path, p));
    }
    const base = outcomes[0]![1];
    for (const [name, o] of outcomes.slice(1)) {
      if (o.perPath.some((p) => p.requests === 0)) {
        met = false;
        console.log(`${engine} ${name}: a path had no response within ${SECONDS} s; target ${TARGET_MS} ms NOT met`);
        continue;
      }
      const ok = o.p95 < TARGET_MS && o.errors === 0 && o.non2xx === 0;
      met &&= ok;
      console.log(
        `${engine} ${name}: p95 ${o.p95} ms, ${(o.p95 / Math.max(1, base.p95)).toFixed(1)}× the baseline's ${base.p95} ms; target ${TARGET_MS} ms ${ok ? 'met' : 'NOT met'}${o.non2xx ? ` (${o.non2xx} non-2xx: ${JSON.stringify(o.statuses)})` : ''}`,
      );
    }
  } finally {
    await server.stop();
  }
  return met;
}

const started = performance.now();
console.log(`load average at start: ${load()}`);
const allMet = await onEachEngine(ENGINES, SERVER, underLoad);
console.log(`\nload average at end: ${load()}; bench ran ${Math.round((performance.now() - started) / 1000)} s`);
if (!allMet) process.exitCode = 1;
