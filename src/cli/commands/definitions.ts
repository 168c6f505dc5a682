import type { Command } from 'commander';
import { loadDefinitions } from '../../analysis/loadDefinitions.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';

export function registerDefinitionsCommand(program: Command, ctx: CliContext): void {
  program
    .command('definitions')
    .description('list the serious violence definitions (id, version, name)')
    .option('--json', 'print JSON, including each definition in full')
    .action(async (opts: { json?: boolean }) => {
      const definitions = await loadDefinitions();
      if (opts.json) {
        ctx.out(`${JSON.stringify({ definitions }, null, 2)}\n`);
        return;
      }
      printTable(ctx, ['id', 'version', 'name'], definitions.map((d) => [d.id, d.version, d.name]));
    });
}
