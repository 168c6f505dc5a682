import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';
import { printTable } from '../printTable.ts';

const AreaType = z.enum(['lsoa', 'ward', 'borough', 'region', 'country', 'police_force_area', 'snt', 'bcu', 'pseudo']);

export function registerAreasCommand(program: Command, ctx: CliContext): void {
  program
    .command('areas')
    .option('--type <type>', `area type: ${AreaType.options.join(', ')}`)
    .option('--vintage <vintage>', 'boundary vintage, e.g. 2011 or 2021')
    .option('--json', 'print JSON')
    .action(async (opts: { type?: string; vintage?: string; json?: boolean }) => {
      // Loaded when the command runs, not for `safer areas --help` (src/cli.ts).
      const { listAreas } = await import('../../db/repositories/areas.ts');
      const type = opts.type === undefined ? undefined : AreaType.safeParse(opts.type);
      if (type && !type.success) {
        ctx.err(`safer areas: unknown --type "${opts.type}"; use one of ${AreaType.options.join(', ')}\n`);
        ctx.exitCode = 2;
        return;
      }
      await withDatabase(ctx, async ({ db }) => {
        const areas = await listAreas(db, { type: type?.data, vintage: opts.vintage });
        if (opts.json) ctx.out(`${JSON.stringify({ areas }, null, 2)}\n`);
        else
          printTable(
            ctx,
            ['code', 'name', 'type', 'vintage'],
            areas.map((a) => [a.code, a.name, a.type, a.vintage]),
          );
      });
    });
}
