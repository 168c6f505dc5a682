/** The app's process (server.ts) as the load generator sees it: start, ask for cache counters, stop. */
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { CacheCounters, ServerReady } from './protocol.ts';

/** Which checkout's src/ the app runs: this one (root undefined) or another (--checkout), and its label. */
export interface Checkout {
  label: string;
  root: string | undefined;
}

/** Starts the app in a child process (bench/load/server.ts) and resolves when it listens. */
export function startServer(target: string, scenario: string, clients: number, checkout: Checkout) {
  const pgliteDir = process.env.SAFER_BENCH_PGLITE_DIR;
  const child = fork(
    resolve(import.meta.dirname, 'server.ts'),
    [target, scenario, String(clients), ...(checkout.root ? [checkout.root] : [])],
    {
      // SAFER_BENCH_CPU_PROF=<folder>: the app's CPU profile, written when it stops (open in Chrome DevTools).
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.SAFER_BENCH_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SAFER_BENCH_CPU_PROF}`]
          : []),
      ],
      // Another checkout keeps its own prepared PGlite folder (their migrations may differ) and reads the full
      // open data beside this one.
      env: checkout.root
        ? {
            ...process.env,
            ...(pgliteDir ? { SAFER_BENCH_PGLITE_DIR: `${pgliteDir}-before` } : {}),
            SAFER_SHARED_DATA: process.env.SAFER_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data'),
          }
        : process.env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const ready = new Promise<ServerReady>((ok, fail) => {
    child.once('message', (m) => ok(m as ServerReady));
    child.once('exit', (code) => fail(new Error(`load-test server exited with ${code} before listening`)));
  });
  const counters = () =>
    new Promise<CacheCounters | null>((done) => {
      // A long statement on PGlite holds the app's event loop: wait for it (up to 10 minutes).
      const timer = setTimeout(() => done(null), 600_000);
      child.once('message', (m) => {
        clearTimeout(timer);
        done((m as { counters?: CacheCounters }).counters ?? null);
      });
      child.send('counters');
    });
  const stop = () =>
    new Promise<void>((done) => {
      child.once('exit', () => done());
      child.send('stop');
    });
  return { ready, counters, stop };
}
