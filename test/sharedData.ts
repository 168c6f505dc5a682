import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/*
 * The real open data tests read comes in two sets:
 * - carried: test-data/ (and demo-data/ where the demo holds the same content), made and checked by
 *   scripts/cut-test-data.ts; every default test reads only these, so a bare clone runs the whole suite;
 * - full: the published files in ../shared/data beside the checkout (or SAFER_SHARED_DATA), read only by
 *   *.extended.test.ts, which vitest.config.ts includes when the full data is present (as in CI).
 */
const repo = resolve(import.meta.dirname, '..');

interface ManifestEntry {
  path: string;
  carriedAt: string;
}
let carried: Map<string, string> | undefined;
const readManifest = () =>
  new Map(
    (JSON.parse(readFileSync(join(repo, 'test-data/MANIFEST.json'), 'utf8')) as { files: ManifestEntry[] }).files.map(
      (f) => [f.path, f.carriedAt],
    ),
  );

/**
 * A carried real data file, named by its path in test-data/ (shared/data's layout; see test-data/README.md).
 * Never missing in a checkout: if it is, the checkout is broken, not short of data.
 */
export function testData(...parts: string[]): string {
  const path = parts.join('/');
  carried ??= readManifest();
  const at = carried.get(path);
  if (!at)
    throw new Error(
      `${path} is not in test-data/MANIFEST.json: add it to scripts/cut-test-data.ts and run npm run cut-test-data`,
    );
  const full = join(repo, at);
  if (!existsSync(full)) throw new Error(`${at} is missing from this checkout (test-data/MANIFEST.json lists it)`);
  return full;
}

const unzipped = new Map<string, string>();
/**
 * A carried .gz file decompressed, once per test process, into a temporary folder under its published
 * name (without .gz): for tests that edit the published text or need its plain bytes.
 */
export function testDataUnzipped(...parts: string[]): string {
  const gz = testData(...parts);
  if (!gz.endsWith('.gz')) throw new Error(`${gz} is not gzipped: use testData()`);
  let path = unzipped.get(gz);
  if (!path) {
    const dir = mkdtempSync(join(tmpdir(), 'safer-test-data-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    path = join(dir, basename(gz, '.gz'));
    writeFileSync(path, gunzipSync(readFileSync(gz)));
    unzipped.set(gz, path);
  }
  return path;
}

/**
 * The folder of the full published data, or null when it is absent. SAFER_SHARED_DATA, when set, must
 * name it (a mistyped path is an error, not a quiet skip); otherwise ../shared/data beside the checkout.
 */
export const fullDataDir: string | null = (() => {
  const set = process.env.SAFER_SHARED_DATA;
  if (set) {
    if (!existsSync(set)) throw new Error(`SAFER_SHARED_DATA=${set}: no such folder`);
    return resolve(set);
  }
  const beside = resolve(repo, '../shared/data');
  return existsSync(beside) ? beside : null;
})();

/** A file of the full published data: only *.extended.test.ts (and benchmarks) read these. */
export function fullData(...parts: string[]): string {
  if (!fullDataDir)
    throw new Error(
      'the full open data is absent: set SAFER_SHARED_DATA to the shared/data folder (only *.extended.test.ts need it)',
    );
  const path = resolve(fullDataDir, ...parts);
  if (!existsSync(path)) throw new Error(`full data file missing: ${path}`);
  return path;
}

/**
 * @deprecated use testData() (carried) or fullData() (extended tests only). Kept for code written before
 * the split (bench/load/server.ts, tests in flight): the carried file when test-data/ lists the same path,
 * else the full data.
 */
export function sharedData(...parts: string[]): string {
  const path = parts.join('/');
  carried ??= readManifest();
  return carried.has(path) ? testData(path) : fullData(...parts);
}
