import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_core.ts';

/**
 * Every migration, in order. Files are never edited once merged: a change is a
 * new file. Listed by hand (not read from disk) so the set is the same under
 * tsx, a bundle or a test runner.
 */
export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
};
