import { chmod, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Database } from '../../db/createDatabase.ts';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

const Options = z.object({
  port: z.coerce.number().int().min(1).max(65535).optional(),
  host: z.string().min(1).optional(),
  serve: z.boolean().default(true),
});

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .option('--port <port>', 'port to listen on (default SAFER_PORT, else PORT, else 3000)')
    .option('--host <address>', 'address to listen on (default SAFER_HOST, else HOST, else 127.0.0.1)')
    .option('--no-serve', 'prepare the demo data and users, then stop')
    .action(async (raw: unknown) => {
      // Loaded when the command runs, not for `safer demo --help` (src/cli.ts).
      const { DEMO_SYNTHETIC_PERIOD, prepareDemo } = await import('../../demo/prepareDemo.ts');
      const { ensureDemoUsers } = await import('../../demo/demoUsers.ts');
      const { seedDemoPerformance } = await import('../../demo/demoPerformance.ts');
      const { seedDemoDelivery } = await import('../../demo/demoDelivery.ts');
      const { seedDemoRegisters } = await import('../../registers/demo/demoRegisters.ts');
      const { seedDemoPanels } = await import('../../panels/demo/demoPanels.ts');
      const { openKeyRing } = await import('../../panels/crypto/keyRing.ts');
      const { startServer } = await import('../../main.ts');
      const opts = Options.parse(raw);
      const config = ctx.config();
      const workDir = config.database.kind === 'pglite' ? config.database.dataDir : resolve('.safer');
      const print = (line: string) => ctx.out(`${line}\n`);
      // Served: the data folder is opened once and owned from the first import to the last request, so no
      // other process can take it in between. Not served: an ordinary command, which may share a running server.
      const prepare = async (database: Database) => {
        await prepareDemo(database, { syntheticDir: join(workDir, 'synthetic'), importedBy: 'demo', print });
        const created = await ensureDemoUsers(database.db);
        print(await seedDemoPerformance(database.db));
        for (const line of await seedDemoDelivery(database.db)) print(line);
        print(await seedDemoRegisters(database.db));
        const caseKeys = await openKeyRing(config.caseKeys.file, config.caseKeys.createIfMissing);
        // The casework's year ends where the demo's data and returns do (the last day of DEMO_SYNTHETIC_PERIOD.to),
        // like the registers', so the scorecard's quarters carry its screenings and referrals.
        const [year, month] = DEMO_SYNTHETIC_PERIOD.to.split('-').map(Number) as [number, number];
        const casesToday = new Date(Date.UTC(year, month, 0, 12));
        print((await seedDemoPanels(database.db, caseKeys, casesToday)).line);
        if (created.length > 0) {
          const lines = created.map(
            (u) => `  ${u.email.padEnd(26)} ${u.agency.padEnd(16)} ${u.role.padEnd(20)} password: ${u.password}`,
          );
          const file = join(workDir, 'demo-credentials.txt');
          await writeFile(file, `Safer demo users (created ${new Date().toISOString()})\n${lines.join('\n')}\n`);
          await chmod(file, 0o600);
          print('Demo users created (passwords shown once; also saved, readable only by you, in:');
          print(`  ${file})`);
          for (const line of lines) print(line);
        }
      };
      if (!opts.serve) {
        await withDatabase(ctx, prepare);
        return;
      }
      const { openDatabase } = await import('../../db/openDatabase.ts');
      const database = await openDatabase(config, { owner: 'required' });
      try {
        await prepare(database);
      } catch (error) {
        await database.close();
        throw error;
      }
      const server = await startServer(config, { port: opts.port, host: opts.host, print, database });
      print(`Sign in at ${server.url}/sign-in`);
      await new Promise<void>((resolveStop) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const)
          process.once(signal, () => void server.close().then(resolveStop));
      });
    });
}
