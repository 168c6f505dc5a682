/**
 * `npm run bench`: runs every bench/<name>/index.ts, one after another, each
 * in its own process. Add a benchmark by adding a folder with an index.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const benchDir = import.meta.dirname;
const root = resolve(benchDir, '..');
const only = process.argv[2];
const suites = readdirSync(benchDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'out' && existsSync(resolve(benchDir, e.name, 'index.ts')))
  .map((e) => e.name)
  .filter((name) => !only || name === only)
  .sort();

let failed = 0;
for (const name of suites) {
  process.stdout.write(`\n=== bench/${name} ===\n`);
  const r = spawnSync(process.execPath, [resolve(root, 'bin/run-ts.js'), resolve(benchDir, name, 'index.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed += 1;
}
if (suites.length === 0) process.stdout.write('no benchmarks found (bench/<name>/index.ts)\n');
process.exitCode = failed > 0 ? 1 : 0;
