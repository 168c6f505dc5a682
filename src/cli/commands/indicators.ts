import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';

export function registerIndicatorsCommand(program: Command, ctx: CliContext): void {
  program
    .command('indicators')
    .option('--json', 'print JSON: the themes and every indicator in full')
    .option('--dir <folder>', 'read indicator files from this folder instead of indicators/')
    .action(async (opts: { json?: boolean; dir?: string }) => {
      // Loaded when the command runs, not for `safer indicators --help` (src/cli.ts).
      const { loadIndicators } = await import('../../performance/loadIndicators.ts');
      const { describeSource, describeTarget, describeUnit } = await import('../../performance/describeIndicator.ts');
      // A broken file throws with its name and field; runCli prints it on stderr and exits 1.
      const { themes, indicators } = await loadIndicators(opts.dir);
      if (opts.json) {
        ctx.out(`${JSON.stringify({ themes, indicators }, null, 2)}\n`);
        return;
      }
      printTable(
        ctx,
        ['id', 'version', 'name', 'theme', 'lead agency', 'subgroup', 'unit', 'polarity', 'source', 'target'],
        indicators.map((i) => [
          i.id,
          i.version,
          i.name,
          i.theme,
          i.leadAgency,
          i.subgroup,
          describeUnit(i.unit),
          i.polarity,
          describeSource(i.source),
          describeTarget(i.target),
        ]),
      );
    });
}
