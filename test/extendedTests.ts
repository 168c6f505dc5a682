import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fullDataDir } from './sharedData.ts';

/**
 * vitest globalSetup: when the full open data is absent (a bare clone), vitest.config.ts leaves out the
 * *.extended.test.ts files; this says so in one line at the end of the run, with how to run them.
 */
export const EXTENDED_TESTS = '**/*.extended.test.ts';

export function extendedTestFiles(): string[] {
  const repo = resolve(import.meta.dirname, '..');
  return ['src', 'test', 'e2e'].flatMap((dir) =>
    readdirSync(join(repo, dir), { recursive: true, encoding: 'utf8' })
      .filter((p) => p.endsWith('.extended.test.ts'))
      .map((p) => join(dir, p)),
  );
}

export default function setup(): () => void {
  return () => {
    if (fullDataDir) return;
    const files = extendedTestFiles();
    console.log(
      `\n${files.length} extended test files did not run: they need the full open data, absent here. Run them with SAFER_SHARED_DATA=/path/to/shared/data npm test (CI has it beside the checkout in ../shared/data).`,
    );
  };
}
