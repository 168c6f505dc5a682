import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testEngine } from './createTestDb.ts';
import { fullDataDir } from './sharedData.ts';

// With the full data present (as in CI), the carried test data is checked against the published files it
// was made from: scripts/cut-test-data.ts --check remakes every file in memory, compares it with test-data/
// (and demo-data/ where reused), re-reads each cut against its source, and writes nothing. No database is
// involved, so it runs in the PGlite run of the suite only.
describe.runIf(testEngine === 'pglite')('test-data/', () => {
  it('is what scripts/cut-test-data.ts makes from the published files, and every cut checks against its source', async () => {
    const repo = resolve(import.meta.dirname, '..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['bin/run-ts.js', 'scripts/cut-test-data.ts', '--check'],
      {
        cwd: repo,
        env: { ...process.env, SAFER_SHARED_DATA: fullDataDir! },
        maxBuffer: 1 << 20,
      },
    );
    expect(stdout).toMatch(/test-data\/ is as this script makes it/);
  }, 600_000);
});
