import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';
import { fail, planId } from './plansCli.ts';

/*
 * `safer plans template` (Safer's plan template, empty or filled in from a plan, to be imported with --kind plan)
 * and `safer plans report` (a plan through the report engine, in each format asked for).
 */

interface TemplateOptions {
  format: string;
  out: string;
  plan?: string;
}

interface ReportOptions {
  format: string;
  out: string;
  asOf?: string;
}

export function registerPlanOutputs(plans: Command, ctx: CliContext): void {
  plans
    .command('template')
    .description(
      "write Safer's plan template (CSV or XLSX), empty or filled in from a plan, to import with --kind plan",
    )
    .requiredOption('--format <format>', 'csv or xlsx')
    .requiredOption('--out <dir>', 'the folder to write the file to')
    .option('--plan <id>', 'fill the template in from this plan (a later round of it imports into it)')
    .action(async (opts: TemplateOptions) => template(ctx, opts));
  plans
    .command('report')
    .description('write a plan as a report: summary by status, a table per theme, data notes')
    .argument('<id>', 'the plan id (see safer plans list)')
    .option('--format <list>', 'comma-separated: html, pdf, docx, xlsx', 'html')
    .requiredOption('--out <dir>', 'the folder to write the files to')
    .option('--as-of <date>', 'the day the report speaks for, YYYY-MM-DD (today by default)')
    .action(async (id: string, opts: ReportOptions) => report(ctx, id, opts));
}

async function template(ctx: CliContext, opts: TemplateOptions): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { planTemplateCsv, planTemplateXlsx } = await import('../../delivery/export/planTemplate.ts');
  const { planDetail } = await import('../../delivery/export/planDetail.ts');
  if (opts.format !== 'csv' && opts.format !== 'xlsx')
    return fail(ctx, 'template', `--format must be csv or xlsx, not "${opts.format}"`);
  const format = opts.format;
  const wanted = opts.plan === undefined ? undefined : planId(opts.plan);
  if (wanted === null) return fail(ctx, 'template', `--plan ${opts.plan} is not a plan id`);
  const write = async (plan: Parameters<typeof planTemplateCsv>[0], name: string) => {
    const bytes = format === 'csv' ? planTemplateCsv(plan) : await planTemplateXlsx(plan);
    await mkdir(opts.out, { recursive: true });
    const path = join(opts.out, `${name}.${format}`);
    await writeFile(path, bytes);
    ctx.out(`wrote ${path}\n`);
  };
  if (wanted === undefined)
    return write({ title: '', kind: 'action-plan', ownerAgency: null, period: null, themes: [] }, 'plan-template');
  await withDatabase(ctx, async ({ db }) => {
    const plan = await planDetail(db, wanted);
    if (!plan) return fail(ctx, 'template', `there is no plan ${wanted}`);
    await write(plan, `plan-${plan.id}-template`);
  });
}

async function report(ctx: CliContext, id: string, opts: ReportOptions): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { parseFormats, renderReport } = await import('../../reports/render/renderFormats.ts');
  const { buildPlanReport, planReportFileName, PlanReportError } = await import(
    '../../delivery/report/buildPlanReport.ts'
  );
  const wanted = planId(id);
  if (wanted === null) return fail(ctx, 'report', `${id} is not a plan id`);
  let formats: ReturnType<typeof parseFormats>;
  try {
    formats = parseFormats(opts.format);
  } catch (error) {
    if (error instanceof RangeError) return fail(ctx, 'report', error.message);
    throw error;
  }
  const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
  await withDatabase(ctx, async ({ db }) => {
    let built: Awaited<ReturnType<typeof buildPlanReport>>;
    try {
      // The partnership's area on the cover, when its boundaries are imported; else the plan's owner.
      const area = await db
        .selectFrom('area')
        .select(['code', 'name'])
        .where('code', '=', ctx.config().partnershipArea)
        .executeTakeFirst();
      built = await buildPlanReport(db, wanted, { asOf, ...(area ? { area } : {}) });
    } catch (error) {
      if (error instanceof PlanReportError) return fail(ctx, 'report', error.message);
      throw error;
    }
    await mkdir(opts.out, { recursive: true });
    for (const format of formats) {
      const path = join(opts.out, planReportFileName(built, wanted, format));
      await writeFile(path, await renderReport(built, format, { chromiumPath: ctx.config().chromiumPath }));
      ctx.out(`wrote ${path}\n`);
    }
  });
}
