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
 * Printed: the first request to each of a group's first three paths (timed alone), p50/p95/p99 per path, and each
 * group's p95 against the baseline's in the same run. Target (issue 19): lineage and my-actions p95 under 250 ms.
 * `npm run bench -- delivery`; SAFER_BENCH_SECONDS (default 15), SAFER_BENCH_ENGINES=postgres,pglite.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type SignedInClient, signIn } from '../load/drive.ts';
import { onEachEngine } from '../load/eachEngine.ts';
import { driveGroups, forkBenchServer, reportGroups } from '../load/groups.ts';
import { PASSWORD } from '../load/protocol.ts';
import type { DeliveryServerReady } from './protocol.ts';

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

async function underLoad(engine: string, target: string): Promise<boolean> {
  const server = forkBenchServer<DeliveryServerReady>(resolve(import.meta.dirname, 'server.ts'), [
    target,
    String(CLIENTS),
  ]);
  const ready = await server.ready;
  try {
    const s = ready.scale;
    console.log(
      `${engine}: prepared in ${ready.preparedSeconds} s: ${s.items} plan items, ${s.updates} updates, ${s.meetings} meetings, ${s.decisions} decisions, ${s.meetingActions} actions arising, ${s.links} lineage links`,
    );
    const people = ready.accounts.slice(0, PEOPLE);
    const cookies = await Promise.all(people.map((a) => signIn(ready.base, a.email, PASSWORD)));
    const clients: SignedInClient[] = ready.accounts.map((a, i) => ({ cookie: cookies[i % PEOPLE]!, token: a.token }));
    const outcomes = await driveGroups(
      ready.base,
      [
        ['baseline', ['/start', '/api/v1/me']],
        ['lineage', s.sampleItems.map((id) => `/lineage/plan-item/${id}`)],
        ['mine', ['/my-actions']],
      ],
      clients,
      SECONDS,
    );
    return reportGroups(engine, outcomes, {
      clients: CLIENTS,
      people: PEOPLE,
      seconds: SECONDS,
      targetMs: TARGET_MS,
      width: 40,
    });
  } finally {
    await server.stop();
  }
}

const started = performance.now();
console.log(`load average at start: ${load()}`);
const allMet = await onEachEngine(ENGINES, SERVER, underLoad);
console.log(`\nload average at end: ${load()}; bench ran ${Math.round((performance.now() - started) / 1000)} s`);
if (!allMet) process.exitCode = 1;
