import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

interface BuildOptions {
  template: string;
  templateVersion?: string;
  area: string;
  period: string;
  compare?: string;
  edition: string;
  format: string;
  out: string;
}

/** `safer report templates` and `safer report build`: the report engine from the command line. */
export function registerReportCommand(program: Command, ctx: CliContext): void {
  const report = program.command('report').description('report templates and documents (the SNA, packs, papers)');
  report
    .command('templates')
    .description('list the report templates')
    .action(async () => {
      const { loadTemplates } = await import('../../reports/template/loadTemplates.ts');
      const { templateBlocks } = await import('../../reports/template/templateSchema.ts');
      for (const t of await loadTemplates()) {
        const figures = templateBlocks(t).filter((b) => b.block.kind === 'figure').length;
        ctx.out(`${t.id}\tversion ${t.version}\t${t.title} (${t.sections.length} sections, ${figures} figures)\n`);
      }
    });
  report
    .command('build')
    .description('build a report from a template and write it in each format')
    .requiredOption('--template <id>', 'a template id (see safer report templates)')
    .option('--template-version <n>', 'a template version (the latest when absent)')
    .requiredOption('--area <codeOrName>', 'the borough (or ward) the report is about')
    .requiredOption('--period <label>', "e.g. 2023/24 or '12 months to Mar 2024'")
    .option('--compare <label>', 'the period to compare with (e.g. 2022/23)')
    .option('--edition <edition>', 'internal, or public (disclosure rules applied)', 'internal')
    .option('--format <list>', 'comma-separated: html, pdf, docx, xlsx', 'html')
    .requiredOption('--out <dir>', 'the folder to write the files to')
    .action(async (opts: BuildOptions) => build(ctx, opts));
}

async function build(ctx: CliContext, opts: BuildOptions): Promise<void> {
  const { findTemplate, loadTemplates } = await import('../../reports/template/loadTemplates.ts');
  const { parseFormats, renderReport, reportFileName } = await import('../../reports/render/renderFormats.ts');
  const { buildReport } = await import('../../reports/build/buildReport.ts');
  const { ReportBuildError } = await import('../../reports/build/resolvePlace.ts');
  const { reportPorts } = await import('../../reports/build/databasePorts.ts');
  const { operatorReportAnalyser } = await import('../../release/reportAnalysers.ts');
  const { provisionReportPort } = await import('../../registers/provision/provisionReport.ts');
  const { loadRegisters } = await import('../../registers/loadRegisters.ts');
  const { loadDefinitions } = await import('../../analysis/loadDefinitions.ts');
  const fail = (message: string) => {
    ctx.err(`safer report build: ${message}\n`);
    ctx.exitCode = 1;
  };
  if (opts.edition !== 'internal' && opts.edition !== 'public')
    return fail(`--edition must be internal or public, not "${opts.edition}"`);
  const edition = opts.edition;
  let formats: ReturnType<typeof parseFormats>;
  let template: ReturnType<typeof findTemplate>;
  try {
    formats = parseFormats(opts.format);
    const version = opts.templateVersion === undefined ? undefined : Number(opts.templateVersion);
    template = findTemplate(await loadTemplates(), opts.template, version);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  await withDatabase(ctx, async (database) => {
    const definitions = await loadDefinitions();
    const bar = ctx.isTty
      ? new cliProgress.SingleBar(
          { format: 'figures [{bar}] {value}/{total} {block}' },
          cliProgress.Presets.shades_classic,
        )
      : null;
    let built: Awaited<ReturnType<typeof buildReport>>;
    try {
      built = await buildReport(
        { template, area: opts.area, period: opts.period, compare: opts.compare ?? null, edition },
        {
          ...reportPorts(database.db, definitions),
          analyse: operatorReportAnalyser(database.db, definitions, edition),
          provision: provisionReportPort(
            database.db,
            await loadRegisters(),
            ctx.config().partnershipArea,
            { operator: true },
            new Date().toISOString().slice(0, 10),
          ),
          progress: (done, total, block) => {
            if (done === 1) bar?.start(total, 0, { block });
            bar?.update(done, { block });
          },
        },
      );
    } catch (error) {
      bar?.stop();
      if (error instanceof ReportBuildError) return fail(error.message);
      throw error;
    }
    bar?.stop();
    await mkdir(opts.out, { recursive: true });
    for (const format of formats) {
      const started = Date.now();
      const path = join(opts.out, reportFileName(built, format));
      await writeFile(path, await renderReport(built, format));
      ctx.out(`wrote ${path} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    }
    const unavailable = built.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'figure' && b.unavailable);
    if (unavailable.length > 0) ctx.err(`${unavailable.length} figures could not be produced; the report says why\n`);
  });
}
