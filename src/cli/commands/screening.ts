import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';

/*
 * `safer screening tools [--json]`: the exploitation screening tools in screening-tools/, as the app will use them.
 * It reads and checks the files only, so it works before any database exists and shows a broken file's error
 * (file and field) before the app refuses to start a screening.
 */
export function registerScreeningCommand(program: Command, ctx: CliContext): void {
  const screening = program.command('screening').description('exploitation screening tools');
  screening
    .command('tools')
    .description('list the screening tools: id, version, title, groups and number of questions')
    .option('--json', 'print JSON, with each group and its questions')
    .action(async (opts: { json?: boolean }) => tools(ctx, opts));
}

async function tools(ctx: CliContext, opts: { json?: boolean }): Promise<void> {
  const { readScreeningTools } = await import('../../panels/screening/toolSet.ts');
  const { questionsOf } = await import('../../panels/screening/toolSchema.ts');
  let all: Awaited<ReturnType<typeof readScreeningTools>>['all'];
  try {
    all = (await readScreeningTools()).all;
  } catch (error) {
    ctx.err(`safer screening tools: ${(error as Error).message}\n`);
    ctx.exitCode = 1;
    return;
  }
  if (opts.json) {
    const described = all.map((t) => ({
      id: t.id,
      version: t.version,
      title: t.title,
      source: t.source,
      levels: t.levels,
      routes: t.routes,
      rules: t.rules,
      questionCount: questionsOf(t).length,
      groups: t.groups.map((g) => ({
        id: g.id,
        title: g.title,
        questions: g.questions.map((q) => ({
          id: q.id,
          text: q.text,
          type: q.type,
          required: q.required,
          ...(q.weight !== undefined ? { weight: q.weight } : {}),
          ...(q.options ? { options: q.options } : {}),
          ...(q.flag ? { flag: q.flag } : {}),
        })),
      })),
    }));
    return ctx.out(`${JSON.stringify({ tools: described }, null, 2)}\n`);
  }
  printTable(
    ctx,
    ['id', 'version', 'title', 'groups', 'questions'],
    all.map((t) => [t.id, t.version, t.title, t.groups.map((g) => g.title).join(', '), questionsOf(t).length]),
  );
}
