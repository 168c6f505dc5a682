/**
 * What the page benches (delivery, registers, panels) share once their app is running: a forked bench server
 * answering over IPC, groups of paths driven one after another by signed-in clients, a per-path table, and each
 * group's p95 against the same run's baseline group (the first) and the target.
 */
import { fork } from 'node:child_process';
import { type DriveOutcome, drive, type SignedInClient } from './drive.ts';

/** Forks a bench server (`server.ts` beside the bench) and resolves with its IPC "ready" message. */
export function forkBenchServer<Ready>(serverPath: string, args: readonly string[]) {
  const child = fork(serverPath, [...args], {
    // SAFER_BENCH_SERVER_NODE_ARGS adds node options to the app's process only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"
    // to see where a page's time goes under load (NODE_OPTIONS refuses --cpu-prof).
    execArgv: ['--import', 'tsx', ...(process.env.SAFER_BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<Ready>((ok, fail) => {
    child.once('message', (m) => ok(m as Ready));
    child.once('exit', (code) => fail(new Error(`bench server exited with ${code} before listening`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.send('stop');
    });
  return { ready, stop, kill: () => child.kill() };
}

export type Group = readonly [name: string, paths: readonly string[]];

/** Drives each group for `seconds`, one request per path first (timed alone, so a refusal shows plainly). */
export async function driveGroups(
  base: string,
  groups: readonly Group[],
  clients: readonly SignedInClient[],
  seconds: number,
): Promise<[string, DriveOutcome][]> {
  const outcomes: [string, DriveOutcome][] = [];
  for (const [name, paths] of groups) {
    for (const path of paths.slice(0, 3)) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, {
        headers: { cookie: clients[0]!.cookie, authorization: `Bearer ${clients[0]!.token}` },
      });
      await res.arrayBuffer();
      console.log(`  first ${path}: ${res.status} in ${Math.round(performance.now() - t0)} ms`);
    }
    outcomes.push([name, await drive(base, paths, clients, seconds)]);
  }
  return outcomes;
}

const row = (
  width: number,
  path: string,
  o: { requests: number; p50: number; p95: number; p99: number; non2xx: number },
) =>
  `  ${path.padEnd(width)} ${String(o.requests).padStart(8)} ${String(o.p50).padStart(7)} ${String(o.p95).padStart(7)} ${String(o.p99).padStart(7)} ${String(o.non2xx).padStart(7)}`;

/**
 * Prints the per-path table, then each group after the first against it: p95 in ms, its ratio to the baseline's
 * p95, and whether it is under `targetMs` with no errors and no non-2xx answers. True when every group met it.
 */
export function reportGroups(
  engine: string,
  outcomes: readonly [string, DriveOutcome][],
  o: { clients: number; people: number; seconds: number; targetMs: number; width?: number },
): boolean {
  const width = o.width ?? 48;
  console.log(`${o.clients} signed-in clients (${o.people} people), ${o.seconds} s per group, loopback, ${engine}`);
  console.log(`  ${'group / path'.padEnd(width)} requests  p50 ms  p95 ms  p99 ms  non-2xx`);
  for (const [name, d] of outcomes) {
    console.log(`${name} (${d.rps} req/s, errors ${d.errors}, p95 ${d.p95} ms)`);
    for (const p of d.perPath) console.log(row(width, p.path, p));
  }
  const base = outcomes[0]![1];
  let met = true;
  for (const [name, d] of outcomes.slice(1)) {
    if (d.perPath.some((p) => p.requests === 0)) {
      met = false;
      console.log(`${engine} ${name}: a path had no response within ${o.seconds} s; target ${o.targetMs} ms NOT met`);
      continue;
    }
    const ok = d.p95 < o.targetMs && d.errors === 0 && d.non2xx === 0;
    met &&= ok;
    console.log(
      `${engine} ${name}: p95 ${d.p95} ms, ${(d.p95 / Math.max(1, base.p95)).toFixed(1)}× the baseline's ${base.p95} ms; target ${o.targetMs} ms ${ok ? 'met' : 'NOT met'}${d.non2xx ? ` (${d.non2xx} non-2xx: ${JSON.stringify(d.statuses)})` : ''}`,
    );
  }
  return met;
}
