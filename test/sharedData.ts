import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The real open data every test reads: ../shared/data beside the checkout (or SAFER_SHARED_DATA). */
export const sharedDataDir = resolve(process.env.SAFER_SHARED_DATA ?? resolve(import.meta.dirname, '../../shared/data'));

export function sharedData(...parts: string[]): string {
  const path = resolve(sharedDataDir, ...parts);
  if (!existsSync(path)) throw new Error(`real data file missing: ${path} (set SAFER_SHARED_DATA to the shared/data folder)`);
  return path;
}
