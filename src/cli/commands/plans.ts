import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';
import { withDatabase } from '../withDatabase.ts';
import { registerPlanOutputs } from './planOutputs.ts';
import { fail, planId } from './plansCli.ts';
import { registerPlanReminders } from './planReminders.ts';

/*
 * `safer plans import|list|show|export` (template, report: planOutputs.ts; remind: planReminders.ts): delivery plans from the command line. Imports are audited under the operator
 * (`cli:` + SAFER_IMPORT_USER or the login name), like `safer import`.
 */

interface ImportOptions {
  kind: string;
  plan?: string;
  json?: boolean;
}

export function registerPlansCommand(program: Command, ctx: CliContext): void {
  const plans = program
    .command('plans')
    .description('delivery plans: import, list, show, export, template, report, remind');
  plans
    .command('import')
    .description(
      "import a VRU action-plan return, a numbered recommendations list or Safer's plan template (a later round updates its plan)",
    )
    .argument(
      '<file>',
      'the document as UTF-8 text (a VRU return as tab-separated rows), or the template as CSV or XLSX',
    )
    .requiredOption('--kind <kind>', 'vru-return, recommendations or plan (the template)')
    .option('--plan <id>', 'import as a later round of this plan (otherwise the plan of the same kind and title)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: ImportOptions) => importFile(ctx, file, opts));
  plans
    .command('list')
    .description('list plans: kind, title, owner, period, round, themes and items')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => list(ctx, opts));
  plans
    .command('show')
    .description('show a plan: themes, items and sub-items with their wording and latest update')
    .argument('<id>', 'the plan id (safer plans list)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => show(ctx, id, opts));
  plans
    .command('export')
    .description("write a plan as the VRU's action-plan return (XLSX or Word), with this round's updates")
    .argument('<id>', 'the plan id (see safer plans list)')
    .requiredOption('--format <format>', 'xlsx or docx')
    .requiredOption('--out <dir>', 'the folder to write the file to')
    .option('--borough <name>', 'the borough whose updates these are (the update column says so)', 'Tower Hamlets')
    .action(async (id: string, opts: ExportOptions) => exportPlan(ctx, id, opts));
  registerPlanOutputs(plans, ctx);
  registerPlanReminders(plans, ctx);
}

interface ExportOptions {
  format: string;
  out: string;
  borough: string;
}

async function exportPlan(ctx: CliContext, id: string, opts: ExportOptions): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { planView } = await import('../../delivery/planQueries.ts');
  const wanted = planId(id);
  if (wanted === null) return fail(ctx, 'export', `${id} is not a plan id`);
  if (opts.format !== 'xlsx' && opts.format !== 'docx')
    return fail(ctx, 'export', `--format must be xlsx or docx, not "${opts.format}"`);
  const format = opts.format;
  await withDatabase(ctx, async ({ db }) => {
    const plan = await planView(db, wanted);
    if (!plan) return fail(ctx, 'export', `there is no plan ${id}`);
    const bytes =
      format === 'xlsx'
        ? await (await import('../../delivery/export/vruReturnXlsx.ts')).vruReturnXlsx(plan, opts.borough)
        : await (await import('../../delivery/export/vruReturnDocx.ts')).vruReturnDocx(plan, opts.borough);
    const slug = plan.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    await mkdir(opts.out, { recursive: true });
    const path = join(opts.out, `plan-${plan.id}-${slug}.${format}`);
    await writeFile(path, bytes);
    ctx.out(`wrote ${path}\n`);
  });
}

async function importFile(ctx: CliContext, file: string, opts: ImportOptions): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const { basename } = await import('node:path');
  const { isImportKind, IMPORT_KINDS } = await import('../../delivery/import/readPlanFile.ts');
  const { importPlan } = await import('../../delivery/import/importPlan.ts');
  const { PlanImportError } = await import('../../delivery/import/parsedPlan.ts');
  const kind = opts.kind;
  if (!isImportKind(kind))
    return fail(
      ctx,
      'import',
      `--kind ${kind} is not a kind of plan file: use ${IMPORT_KINDS.slice(0, -1).join(', ')} or ${IMPORT_KINDS.at(-1)}`,
    );
  const target = opts.plan === undefined ? undefined : planId(opts.plan);
  if (target === null) return fail(ctx, 'import', `--plan ${opts.plan} is not a plan id`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return fail(ctx, 'import', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const actor = { userId: null, email: `cli:${ctx.config().importUser}`, agency: '' };
  await withDatabase(ctx, async ({ db }) => {
    try {
      const r = await importPlan(db, actor, {
        fileName: basename(file),
        bytes,
        kind,
        planId: target,
      });
      if (opts.json) return ctx.out(`${JSON.stringify(r, null, 2)}\n`);
      ctx.out(`${r.outcome} plan ${r.planId} (round ${r.round}): ${r.themes} themes, ${r.items} items`);
      if (r.outcome === 'updated')
        ctx.out(
          `; ${r.newItems} new, ${r.rewordings} reworded, ${r.newUpdates} new updates` +
            (r.reassignments + r.statusChanges > 0
              ? `, ${r.reassignments} new owners or due dates, ${r.statusChanges} new statuses`
              : ''),
        );
      ctx.out('\n');
      for (const u of r.unplaced) ctx.out(`not placed: line ${u.line}: ${u.reason}: ${u.text}\n`);
      for (const d of r.doubtful)
        ctx.out(
          `check: line ${d.line}: ${d.theme} ${d.number ?? ''}: the wording changed a lot (similarity ${d.similarity})\n`,
        );
    } catch (error) {
      if (error instanceof PlanImportError) return fail(ctx, 'import', error.message);
      throw error;
    }
  });
}

async function list(ctx: CliContext, opts: { json?: boolean }): Promise<void> {
  const { listPlans } = await import('../../delivery/planQueries.ts');
  await withDatabase(ctx, async ({ db }) => {
    const plans = await listPlans(db);
    if (opts.json) return ctx.out(`${JSON.stringify({ plans }, null, 2)}\n`);
    if (plans.length === 0) return ctx.out('no plans: import one with safer plans import FILE --kind …\n');
    printTable(
      ctx,
      ['id', 'kind', 'title', 'owner', 'period', 'round', 'themes', 'items'],
      plans.map((p) => [p.id, p.kind, p.title, p.ownerAgency, p.period, p.round, p.themes, p.items]),
    );
  });
}

async function show(ctx: CliContext, id: string, opts: { json?: boolean }): Promise<void> {
  const { planView } = await import('../../delivery/planQueries.ts');
  const wanted = planId(id);
  if (wanted === null) return fail(ctx, 'show', `${id} is not a plan id`);
  await withDatabase(ctx, async ({ db }) => {
    const plan = await planView(db, wanted);
    if (!plan) return fail(ctx, 'show', `there is no plan ${id}`);
    if (opts.json) return ctx.out(`${JSON.stringify(plan, null, 2)}\n`);
    ctx.out(`${plan.title} (${plan.kind})\n`);
    for (const theme of plan.themes) {
      ctx.out(`\n${theme.number ? `${theme.number}. ` : ''}${theme.title}\n`);
      const print = (items: typeof theme.items, indent: string) => {
        for (const item of items) {
          const first = item.wording.split('\n')[0] ?? '';
          ctx.out(`${indent}${item.number ?? '-'} [${item.kind}] ${first.slice(0, 100)}\n`);
          print(item.children, `${indent}  `);
        }
      };
      print(theme.items, '  ');
    }
  });
}
