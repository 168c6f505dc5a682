import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

interface PackOptions {
  quarter: string;
  area?: string;
  format: string;
  out: string;
}

/** `safer pack build`: the quarterly performance pack through the report engine, in each format asked for. */
export function registerPackCommand(program: Command, ctx: CliContext): void {
  const pack = program.command('pack').description('the quarterly performance pack');
  pack
    .command('build')
    .description('build the performance pack for a quarter and write it in each format')
    .requiredOption('--quarter <label>', "the quarter, e.g. '2025/26 Q3' (Q1 = April–June)")
    .option('--area <code>', "the partnership's area (GSS code); default SAFER_PARTNERSHIP_AREA")
    .option('--format <list>', 'comma-separated: html, pdf, docx, xlsx', 'html')
    .requiredOption('--out <dir>', 'the folder to write the files to')
    .action(async (opts: PackOptions) => build(ctx, opts));
}

async function build(ctx: CliContext, opts: PackOptions): Promise<void> {
  const { parseFormats, renderReport, reportFileName } = await import('../../reports/render/renderFormats.ts');
  const { parseQuarter, QuarterLabelError } = await import('../../domain/performance/indicatorPeriods.ts');
  const { buildPack } = await import('../../performance/pack/buildPack.ts');
  const { loadPackDefinition } = await import('../../performance/pack/packSchema.ts');
  const { loadIndicatorSet } = await import('../../performance/store/indicatorSet.ts');
  const { operatorReportAnalyser } = await import('../../release/reportAnalysers.ts');
  const { loadDefinitions } = await import('../../analysis/loadDefinitions.ts');
  const { loadRegisters } = await import('../../registers/loadRegisters.ts');
  const { registerCountPort } = await import('../../registers/counts/registerCountPort.ts');
  const { panelCountPort } = await import('../../panels/counts/panelCountPort.ts');
  const { PARTNERSHIP_READER } = await import('../../registers/registerPolicy.ts');
  const fail = (message: string) => {
    ctx.err(`safer pack build: ${message}\n`);
    ctx.exitCode = 1;
  };
  let formats: ReturnType<typeof parseFormats>;
  try {
    formats = parseFormats(opts.format);
    parseQuarter(opts.quarter);
  } catch (error) {
    if (error instanceof RangeError || error instanceof QuarterLabelError) return fail(error.message);
    throw error;
  }
  const definition = await loadPackDefinition();
  await withDatabase(ctx, async (database) => {
    const code = opts.area ?? ctx.config().partnershipArea;
    const area = await database.db
      .selectFrom('area')
      .select(['code', 'name'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (area === undefined) return fail(`no area "${code}" is imported (give a GSS code, e.g. E09000030)`);
    const { themes, conflicts } = await loadIndicatorSet(database.db);
    for (const c of conflicts) ctx.err(`indicator file conflict: ${c}\n`);
    const started = Date.now();
    const built = await buildPack(database.db, {
      quarter: opts.quarter,
      area,
      themes,
      definition,
      analyse: operatorReportAnalyser(database.db, await loadDefinitions(), 'internal'),
      // A pack is for the whole partnership: register counts as any partnership reader sees them.
      countRegister: registerCountPort(database.db, PARTNERSHIP_READER, await loadRegisters(), new Date()),
      countPanel: panelCountPort(database.db, new Date()),
    });
    ctx.out(
      `built ${built.title} for ${area.name}, ${built.period} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    await mkdir(opts.out, { recursive: true });
    for (const format of formats) {
      const t = Date.now();
      const path = join(opts.out, reportFileName(built, format));
      await writeFile(path, await renderReport(built, format));
      ctx.out(`wrote ${path} (${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
    }
  });
}
