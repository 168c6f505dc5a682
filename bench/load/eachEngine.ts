import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withScratchPostgres } from './scratchPostgres.ts';

/**
 * Runs one benchmark on each engine asked for: 'postgres' in a throwaway database on `server` (dropped
 * afterwards), 'pglite' in a temporary data folder (removed afterwards). True when every run met its targets.
 */
export async function onEachEngine(
  engines: readonly string[],
  server: string,
  run: (label: 'PostgreSQL' | 'PGlite', target: string) => Promise<boolean>,
): Promise<boolean> {
  let allMet = true;
  for (const engine of engines) {
    if (engine === 'postgres') {
      const met = await withScratchPostgres(async (create) => run('PostgreSQL', await create()), server);
      if (met === null) console.log(`PostgreSQL: no server answers at ${server}; skipped`);
      allMet = (met ?? false) && allMet;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'safer-bench-'));
      try {
        allMet = (await run('PGlite', dir)) && allMet;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return allMet;
}
