import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { CliContext } from '../context.ts';

export function registerMigrateCommand(program: Command, ctx: CliContext): void {
  program.command('migrate').action(async () => {
    // Loaded when the command runs, not for `safer migrate --help` (src/cli.ts).
    const { createDatabase } = await import('../../db/createDatabase.ts');
    const { migrateToLatest } = await import('../../db/migrate.ts');
    const database = await createDatabase(ctx.config().database);
    try {
      const applied = await migrateToLatest(database.db as unknown as Kysely<unknown>);
      ctx.out(
        applied.length === 0
          ? 'The database is up to date.\n'
          : `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`,
      );
    } finally {
      await database.close();
    }
  });
}
