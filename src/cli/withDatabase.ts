import type { Database } from '../db/createDatabase.ts';
import type { CliContext } from './context.ts';

/**
 * Opens the configured database for one command and always closes it. On an embedded data folder that a
 * running Safer server (or another command) owns, the command works through that process, so the server
 * sees its changes at once and nothing is written to the folder twice.
 */
export async function withDatabase<T>(ctx: CliContext, work: (database: Database) => Promise<T>): Promise<T> {
  // Loaded when a command first needs the database: `safer <command> --help` never does.
  const { openDatabase } = await import('../db/openDatabase.ts');
  const database = await openDatabase(ctx.config());
  if (database.via) ctx.err(`safer: working through process ${database.via.pid}, which has the data folder open\n`);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
