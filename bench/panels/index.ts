/**
 * Panels benchmark (issue 21): 20,000 SYNTHETIC cases (a person and a referral each, 2,000 open in MACE with mixed
 * review dates) and 200,000 case actions, bulk-loaded on PostgreSQL (a scratch database on the server of
 * DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, dropped afterwards) and on PGlite (a temporary data
 * folder, removed afterwards). Per engine the app runs in its own process (server.ts), which loads the data and
 * times buildPanelAgenda for the next MACE meeting. Then 50 signed-in clients (five MACE members) drive, for
 * SECONDS each, in this order:
 *   baseline: the signed-in home page /start and GET /api/v1/me (as the other page benches);
 *   case:     6 random MACE cases (open and closed), GET /cases/:id (each read audited);
 *   my cases: GET /my-cases.
 * Printed: the load's time, the agenda build in ms (target under 2,000 ms), p50/p95/p99 per path, and each group's
 * p95 against the baseline's (target under 250 ms). `npm run bench -- panels`; SAFER_BENCH_SECONDS (default 10),
 * SAFER_BENCH_ENGINES=postgres,pglite, SAFER_BENCH_PANEL_CASES (default 20000).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type SignedInClient, signIn } from '../load/drive.ts';
import { onEachEngine } from '../load/eachEngine.ts';
import { driveGroups, forkBenchServer, reportGroups } from '../load/groups.ts';
import { PASSWORD } from '../load/protocol.ts';
import type { PanelsServerReady } from './protocol.ts';

const CLIENTS = 50;
const PEOPLE = 5;
const TARGET_MS = 250;
const AGENDA_TARGET_MS = 2000;
const SECONDS = Number(process.env.SAFER_BENCH_SECONDS ?? 10);
const ENGINES = (process.env.SAFER_BENCH_ENGINES ?? 'postgres,pglite').split(',');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

async function underLoad(engine: string, target: string): Promise<boolean> {
  const server = forkBenchServer<PanelsServerReady>(resolve(import.meta.dirname, 'server.ts'), [
    target,
    String(CLIENTS),
  ]);
  const ready = await server.ready;
  try {
    const l = ready.loaded;
    console.log(
      `${engine}: prepared in ${ready.preparedSeconds} s; loaded ${l.cases} SYNTHETIC cases (${l.openMace} open in MACE) and ${l.actions} actions in ${l.seconds} s`,
    );
    const a = ready.agenda;
    const agendaOk = Math.max(...a.ms) < AGENDA_TARGET_MS;
    console.log(
      `${engine} MACE agenda (${a.counts.escalation} escalations, ${a.counts.new} new, ${a.counts.review} reviews): built in ${a.ms.join(', ')} ms; target ${AGENDA_TARGET_MS} ms ${agendaOk ? 'met' : 'NOT met'}`,
    );
    const cookies = await Promise.all(
      ready.accounts.slice(0, PEOPLE).map((acc) => signIn(ready.base, acc.email, PASSWORD)),
    );
    const clients: SignedInClient[] = ready.accounts.map((acc, i) => ({
      cookie: cookies[i % PEOPLE]!,
      token: acc.token,
    }));
    const outcomes = await driveGroups(
      ready.base,
      [
        ['baseline', ['/start', '/api/v1/me']],
        ['case', ready.casePaths],
        ['my cases', ['/my-cases']],
      ],
      clients,
      SECONDS,
    );
    const pagesOk = reportGroups(engine, outcomes, {
      clients: CLIENTS,
      people: PEOPLE,
      seconds: SECONDS,
      targetMs: TARGET_MS,
      width: 24,
    });
    return agendaOk && pagesOk;
  } finally {
    await server.stop();
  }
}

const started = performance.now();
console.log(`load average at start: ${load()}`);
const allMet = await onEachEngine(ENGINES, SERVER, underLoad);
console.log(`\nload average at end: ${load()}; bench ran ${Math.round((performance.now() - started) / 1000)} s`);
if (!allMet) process.exitCode = 1;
