import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.ts';

const Port = z.coerce.number().int().min(1).max(65535);

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .option('--port <n>', 'port to listen on (default SAFER_PORT, else PORT, else 3000)')
    .option(
      '--host <address>',
      'address to listen on (default SAFER_HOST, else HOST, else 127.0.0.1; put a TLS reverse proxy in front, see docs/security.md)',
    )
    .action(async (opts: { port?: string; host?: string }) => {
      // Loaded when the command runs, not for `safer serve --help` (src/cli.ts).
      const { startServer } = await import('../../main.ts');
      const port = opts.port === undefined ? undefined : Port.safeParse(opts.port);
      if (port && !port.success) {
        ctx.err(`safer serve: --port must be a number from 1 to 65535, not "${opts.port}"\n`);
        ctx.exitCode = 2;
        return;
      }
      const { openDatabase } = await import('../../db/openDatabase.ts');
      const { scheduleDailyRetention } = await import('../../registers/retention/dailyRetention.ts');
      const config = ctx.config();
      const print = (line: string) => ctx.out(`${line}\n`);
      // Opened here (startServer closes it with the server) so the daily register retention job can use it too.
      const database = await openDatabase(config, { owner: 'required' });
      const server = await startServer(config, { port: port?.data, host: opts.host, print, database });
      const retention = scheduleDailyRetention(database.db, print);
      // The panels' cases and referrals past their retention, on the same daily timer (issue 21).
      const { scheduleDailyPanelsRetention } = await import('../../panels/retention/dailyPanelsRetention.ts');
      const { loadPanels } = await import('../../panels/loadPanels.ts');
      const { openKeyRing } = await import('../../panels/crypto/keyRing.ts');
      const panelsRetention = scheduleDailyPanelsRetention(
        database.db,
        { panels: () => loadPanels(), ring: () => openKeyRing(config.caseKeys.file, config.caseKeys.createIfMissing) },
        print,
      );
      // Runs until stopped; close cleanly so PGlite flushes its data folder.
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const)
          process.once(
            signal,
            () => void Promise.all([retention.stop(), panelsRetention.stop()]).then(() => server.close().then(resolve)),
          );
      });
    });
}
