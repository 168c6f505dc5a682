/**
 * Performance framework benchmark (issue 18), on PostgreSQL (a scratch database per part, created on the server of
 * DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres and dropped afterwards):
 *  (a) 50 signed-in clients on the demo files the computed indicators are counted from, with SYNTHETIC accepted
 *      returns for the starter indicators (server.ts, the app in its own process): the scorecard page /performance
 *      when the app has it, and GET /api/v1/indicators/{id}/values for a computed and a returned indicator, each
 *      group driven for SECONDS beside the signed-in home page (/start) and GET /api/v1/me driven the same way in
 *      the same run (the baseline);
 *      then buildScorecard called directly on the same database, and the pack when its builder is present;
 *  (b) synthetic scale (scale.ts): 400 indicators × 40 quarters, the scorecard over all of them beside one theme.
 * `npm run bench -- performance`. SAFER_BENCH_SECONDS changes the load duration (default 15).
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { drive, type DriveOutcome, signIn, type SignedInClient } from '../load/drive.ts';
import { PASSWORD } from '../load/protocol.ts';
import { measureDirect } from './direct.ts';
import { type PerformanceServerReady, QUARTER } from './protocol.ts';
import { measureScale } from './scale.ts';

const CLIENTS = 50;
const PEOPLE = 5;
const SECONDS = Number(process.env.SAFER_BENCH_SECONDS ?? 15);
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const q = encodeURIComponent(QUARTER);
const GROUPS: Record<string, string[]> = {
  baseline: ['/start', '/api/v1/me'],
  api: [
    `/api/v1/indicators/knife-crime-with-injury/values?quarter=${q}`,
    `/api/v1/indicators/asb-calls/values?quarter=${q}`,
  ],
  page: [`/performance?quarter=${q}`],
};

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

/** Creates throwaway databases on the server and always drops them. */
async function withScratch<T>(work: (create: () => Promise<string>) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  const names: string[] = [];
  try {
    return await work(async () => {
      const name = `safer_bench_perf_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${name}`);
      names.push(name);
      const url = new URL(SERVER);
      url.pathname = `/${name}`;
      return url.toString();
    });
  } finally {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function startServer(url: string) {
  const child = fork(resolve(import.meta.dirname, 'server.ts'), [url, String(CLIENTS)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<PerformanceServerReady>((ok, fail) => {
    child.once('message', (m) => ok(m as PerformanceServerReady));
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
  `  ${path.padEnd(72)} ${String(o.requests).padStart(8)} ${String(o.p50).padStart(7)} ${String(o.p95).padStart(7)} ${String(o.p99).padStart(7)} ${String(o.non2xx).padStart(7)}`;

async function underLoad(url: string): Promise<void> {
  const server = startServer(url);
  const ready = await server.ready;
  try {
    console.log(
      `demo: data prepared in ${ready.preparedSeconds} s (${ready.returnedValues} SYNTHETIC accepted values for the starter indicators)`,
    );
    const people = ready.accounts.slice(0, PEOPLE);
    const cookies = await Promise.all(people.map((a) => signIn(ready.base, a.email, PASSWORD)));
    const clients: SignedInClient[] = ready.accounts.map((a, i) => ({ cookie: cookies[i % PEOPLE]!, token: a.token }));
    const get = async (path: string, c: SignedInClient) => {
      const t0 = performance.now();
      const res = await fetch(`${ready.base}${path}`, {
        headers: { cookie: c.cookie, authorization: `Bearer ${c.token}` },
      });
      await res.arrayBuffer();
      return { status: res.status, ms: Math.round(performance.now() - t0) };
    };
    const page = await get(GROUPS.page![0]!, clients[0]!);
    const groups = Object.entries(GROUPS).filter(([name]) => name !== 'page' || page.status === 200);
    if (page.status !== 200) console.log(`/performance answered ${page.status}: the scorecard page is not measured`);
    // One request per path and person first: the first person's times are the uncached cost (results are cached
    // per data version and access scope), the others warm their own scope.
    console.log('first request (uncached) of each path, first person:');
    for (const [i, c] of clients.slice(0, PEOPLE).entries())
      for (const [, paths] of groups)
        for (const path of paths) {
          const r = await get(path, c);
          if (i === 0) console.log(`  ${path} (${r.status}): ${r.ms} ms`);
        }
    const outcomes: [string, DriveOutcome][] = [];
    for (const [name, paths] of groups) outcomes.push([name, await drive(ready.base, paths, clients, SECONDS)]);
    console.log(
      `\n${CLIENTS} signed-in clients (${PEOPLE} people: agencies and roles), ${SECONDS} s per group, loopback, PostgreSQL; the app in its own process`,
    );
    console.log(`  ${'group / path'.padEnd(72)} requests  p50 ms  p95 ms  p99 ms  non-2xx`);
    for (const [name, o] of outcomes) {
      console.log(`${name} (${o.rps} req/s, errors ${o.errors})`);
      for (const p of o.perPath) console.log(row(p.path, p));
    }
    if (outcomes.some(([, o]) => o.errors > 0 || o.non2xx > 0)) process.exitCode = 1;
    const base = outcomes.find(([n]) => n === 'baseline')?.[1];
    for (const [name, o] of outcomes)
      if (base && name !== 'baseline')
        console.log(
          `${name}: p95 ${o.p95} ms against the baseline's ${base.p95} ms (${(o.p95 / Math.max(1, base.p95)).toFixed(1)}×)`,
        );
  } finally {
    await server.stop();
  }
  for (const line of await measureDirect(url)) console.log(line);
}

const started = performance.now();
console.log(`load average at start: ${load()}`);
await withScratch(async (create) => {
  console.log('\n(a) the demo data under load');
  await underLoad(await create());
  console.log('\n(b) synthetic scale');
  await measureScale(await create());
});
console.log(`\nload average at end: ${load()}; bench ran ${Math.round((performance.now() - started) / 1000)} s`);
