import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';

export function registerDefinitionsCommand(program: Command, ctx: CliContext): void {
  program
    .command('definitions')
    .option('--json', 'print JSON, including each definition in full')
    .action(async (opts: { json?: boolean }) => {
      // Loaded when the command runs, not for `safer definitions --help` (src/cli.ts).
      const { loadDefinitions } = await import('../../analysis/loadDefinitions.ts');
      const definitions = await loadDefinitions();
      if (opts.json) {
        ctx.out(`${JSON.stringify({ definitions }, null, 2)}\n`);
        return;
      }
      printTable(
        ctx,
        ['id', 'version', 'name'],
        definitions.map((d) => [d.id, d.version, d.name]),
      );
    });
}
