import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';
import { withDatabase } from '../withDatabase.ts';

/*
 * `safer panels list [--json]`: the panels in panels/ as the app uses them (the files are read, checked and
 * copied into the database first, as the app does), with how many people sit on each today and how many cases it
 * has open. Counts only: no case or person is named.
 */
export function registerPanelsCommand(program: Command, ctx: CliContext): void {
  const panels = program
    .command('panels')
    .description('multi-agency panels (MASH, MACE, MARAC, IOM, the partnership’s own)');
  panels
    .command('list')
    .description('list the panels: id, name, kind, ages, meets, members, open cases')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => list(ctx, opts));
}

async function list(ctx: CliContext, opts: { json?: boolean }): Promise<void> {
  const { loadPanels, syncPanels } = await import('../../panels/loadPanels.ts');
  const { panelSummaries } = await import('../../panels/panel/panelQueries.ts');
  let set: Awaited<ReturnType<typeof loadPanels>>;
  try {
    set = await loadPanels();
  } catch (error) {
    ctx.err(`safer panels list: ${(error as Error).message}\n`);
    ctx.exitCode = 1;
    return;
  }
  const summaries = await withDatabase(ctx, async ({ db }) => {
    await syncPanels(db, set);
    return panelSummaries(db, new Date(), null);
  });
  const rows = summaries.map((s) => ({
    id: s.definition.id,
    name: s.definition.name,
    kind: s.definition.kind,
    ages: `${s.definition.ages.min}-${s.definition.ages.max}`,
    meets: s.definition.meets,
    members: s.members,
    openCases: s.openCases,
  }));
  if (opts.json) return ctx.out(`${JSON.stringify({ panels: rows }, null, 2)}\n`);
  printTable(
    ctx,
    ['id', 'name', 'kind', 'ages', 'meets', 'members', 'open cases'],
    rows.map((r) => [r.id, r.name, r.kind, r.ages, r.meets, r.members, r.openCases]),
  );
}
