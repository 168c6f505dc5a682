import { openDatabase } from '../db/openDatabase.ts';
import type { Database } from '../db/createDatabase.ts';
import type { CliContext } from './context.ts';

/** Opens the configured database for one command and always closes it. */
export async function withDatabase<T>(ctx: CliContext, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(ctx.config());
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
