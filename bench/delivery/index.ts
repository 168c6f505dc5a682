/**
 * Delivery benchmark (issue 19): a 500-item plan with 5,000 updates, 200 meetings, 400 decisions and actions
 * arising, and ~1,000 lineage links (SYNTHETIC, seedDelivery.ts), on PostgreSQL (a scratch database on the server
 * of DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards) and on PGlite (a temporary
 * data folder, removed afterwards). Per engine, the app runs in its own process (server.ts) and 50 signed-in
 * clients (five people: agencies and roles) drive, for SECONDS each, in this order:
 *   baseline: the signed-in home page /start and GET /api/v1/me;
 *   lineage:  /lineage/plan-item/<id> over 18 items spread through the plan (recommendations at the head of long
 *             threads, actions in the middle);
 *   mine:     /my-actions.
 * Printed: p50/p95/p99 per path, and each group's p95 against the baseline's in the same run. Target (issue 19):
 * lineage and my-actions p95 under 250 ms. `npm run bench -- delivery`; SAFER_BENCH_SECONDS (default 15),
 * SAFER_BENCH_ENGINES=postgres,pglite.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type DriveOutcome, drive, type SignedInClient, signIn } from '../load/drive.ts';
import { PASSWORD } from '../load/protocol.ts';
import type { DeliveryServerReady } from './protocol.ts';
import { onEachEngine } from '../load/eachEngine.ts';

const CLIENTS = 50;
const PEOPLE = 5;
const TARGET_MS = 250;
const SECONDS = Number(process.env.SAFER_BENCH_SECONDS ?? 15);
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
  const ready = new Promise<DeliveryServerReady>((ok, fail) => {
    child.once('message', (m) => ok(m as DeliveryServerReady));
    child.once('exit', (code) => fail(new Error(`bench server exited with ${code} before listening`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      child.once('exit', () => done());
      child.send('stop');
    });
  return { ready, stop };
}

const row = (path: string, o: { requests: number; p50: number; p95: number; p99: number; non2xx: number }) =>
  `  ${path.padEnd(40)} ${String(o.requests).padStart(8)} ${String(o.p50).padStart(7)} ${String(o.p95).padStart(7)} ${String(o.p99).padStart(7)} ${String(o.non2xx).padStart(7)}`;

async function underLoad(engine: string, target: string): Promise<boolean> {
  const server = startServer(target);
  const ready = await server.ready;
  let met = true;
  try {
    const s = ready.scale;
    console.log(
      `${engine}: prepared in ${ready.preparedSeconds} s: ${s.items} plan items, ${s.updates} updates, ${s.meetings} meetings, ${s.decisions} decisions, ${s.meetingActions} actions arising, ${s.links} lineage links`,
    );
    const people = ready.accounts.slice(0, PEOPLE);
    const cookies = await Promise.all(people.map((a) => signIn(ready.base, a.email, PASSWORD)));
    const clients: SignedInClient[] = ready.accounts.map((a, i) => ({ cookie: cookies[i % PEOPLE]!, token: a.token }));
    const groups: [string, string[]][] = [
      ['baseline', ['/start', '/api/v1/me']],
      ['lineage', s.sampleItems.map((id) => `/lineage/plan-item/${id}`)],
      ['mine', ['/my-actions']],
    ];
    const outcomes: [string, DriveOutcome][] = [];
    for (const [name, paths] of groups) outcomes.push([name, await drive(ready.base, paths, clients, SECONDS)]);
    console.log(`${CLIENTS} signed-in clients (${PEOPLE} people), ${SECONDS} s per group, loopback, ${engine}`);
    console.log(`  ${'group / path'.padEnd(40)} requests  p50 ms  p95 ms  p99 ms  non-2xx`);
    for (const [name, o] of outcomes) {
      console.log(`${name} (${o.rps} req/s, errors ${o.errors}, p95 ${o.p95} ms)`);
      for (const p of o.perPath) console.log(row(p.path, p));
    }
    const base = outcomes[0]![1];
    for (const [name, o] of outcomes.slice(1)) {
      const ok = o.p95 < TARGET_MS && o.errors === 0 && o.non2xx === 0;
      met &&= ok;
      console.log(
        `${engine} ${name}: p95 ${o.p95} ms, ${(o.p95 / Math.max(1, base.p95)).toFixed(1)}× the baseline's ${base.p95} ms; target ${TARGET_MS} ms ${ok ? 'met' : 'NOT met'}${o.non2xx ? ` (${o.non2xx} non-2xx)` : ''}`,
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
