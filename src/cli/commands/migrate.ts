import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { createDatabase } from '../../db/createDatabase.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { CliContext } from '../context.ts';

export function registerMigrateCommand(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('apply pending database migrations (they also run on every start)')
    .action(async () => {
      const database = await createDatabase(ctx.config().database);
      try {
        const applied = await migrateToLatest(database.db as unknown as Kysely<unknown>);
        ctx.out(applied.length === 0 ? 'The database is up to date.\n' : `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`);
      } finally {
        await database.close();
      }
    });
}
