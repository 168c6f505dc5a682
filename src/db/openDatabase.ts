import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { createDatabase, type Database } from './createDatabase.ts';
import type { OwnerRule } from './embedded/openDataFolder.ts';
import { migrateToLatest } from './migrate.ts';

/** Opens the configured database and applies any pending migrations (they run on every start). */
export async function openDatabase(config: Config, options: { owner?: OwnerRule } = {}): Promise<Database> {
  const database = await createDatabase(config.database, options);
  await migrateToLatest(database.db as unknown as Kysely<unknown>);
  return database;
}
