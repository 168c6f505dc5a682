import type { Command } from 'commander';
import type { AnalysisResult } from '../../analysis/analysisResult.ts';
import { DIMENSIONS, SOURCES, type AnalysisRequestInput } from '../../analysis/request.ts';
import { csvLine } from '../../domain/csv/csvLine.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';
import { withDatabase } from '../withDatabase.ts';

interface AnalyseOptions {
  definition?: string;
  category?: string;
  area: string;
  period: string;
  compare?: string;
  baseline?: string;
  by?: string;
  source?: string;
  format: string;
  asOf?: string;
  confidence?: string;
  cellSize?: string;
  reference?: string;
}

export function registerAnalyseCommand(program: Command, ctx: CliContext): void {
  program
    .command('analyse')
    .option('--definition <id>', 'a definition id (see safer definitions)')
    .option('--category <label>', 'an offence category in any classification, VAWG, or stop and search')
    .requiredOption('--area <codeOrName>', 'GSS code or name of a borough, ward or LSOA, or London')
    .requiredOption(
      '--period <label>',
      "e.g. 2023/24, 'SA 2022/23', '2023/24 Q1', '12 months to Mar 2024', 2023, 2024-03",
    )
    .option('--compare <label>', 'a period to compare with')
    .option('--baseline <label>', 'a baseline period (e.g. 2011/12)')
    .option('--by <dimension>', `breakdown: ${DIMENSIONS.join(', ')}`, 'none')
    .option('--source <source>', `force a source: ${SOURCES.join(', ')}`)
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--as-of <date>', 'answer from the data held on this extract date (YYYY-MM-DD)')
    .option('--confidence <level>', 'confidence level, 0.95 or 0.998')
    .option('--cell-size <metres>', 'grid cell size in metres for --by grid, kde or emerging-hotspots (default 250)')
    .option('--reference <group>', "reference group for rate ratios ('white', 'rest', …)")
    .action(async (opts: AnalyseOptions) => {
      // Loaded when the command runs, not for `safer analyse --help` (src/cli.ts).
      const { loadDefinitions } = await import('../../analysis/loadDefinitions.ts');
      const { runAnalysis } = await import('../../analysis/runAnalysis.ts');
      const { AnalysisError } = await import('../../analysis/figure.ts');
      if (!['table', 'csv', 'json'].includes(opts.format)) {
        ctx.err(`safer analyse: --format must be table, csv or json, not "${opts.format}"\n`);
        ctx.exitCode = 2;
        return;
      }
      const request: AnalysisRequestInput = {
        definition: opts.definition,
        category: opts.category,
        area: opts.area,
        period: opts.period,
        compare: opts.compare,
        baseline: opts.baseline,
        by: opts.by as AnalysisRequestInput['by'],
        source: opts.source as AnalysisRequestInput['source'],
        asOf: opts.asOf,
        reference: opts.reference,
        confidence: opts.confidence === undefined ? undefined : Number(opts.confidence),
        cellSize: opts.cellSize === undefined ? undefined : Number(opts.cellSize),
      };
      await withDatabase(ctx, async ({ db }) => {
        try {
          const result = await runAnalysis(db, await loadDefinitions(), request);
          print(ctx, result, opts.format);
        } catch (error) {
          if (!(error instanceof AnalysisError)) throw error;
          ctx.err(`safer analyse: ${error.message}\n`);
          ctx.exitCode = error.code === 'INVALID' ? 2 : 1;
        }
      });
    });
}

const COLUMNS = ['count', 'denominator', 'rate', 'lower', 'upper', 'method', 'source', 'extractDate'] as const;

function print(ctx: CliContext, result: AnalysisResult, format: string): void {
  if (format === 'json') {
    ctx.out(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const groupKeys = [...new Set(result.figures.flatMap((f) => Object.keys(f.group)))];
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'number' ? String(Number(v.toFixed(4))) : String(v);
  const rows = result.figures.map((f) => [
    ...groupKeys.map((k) => f.group[k] ?? ''),
    ...COLUMNS.map((c) => cell(f[c])),
  ]);
  if (format === 'csv') {
    ctx.out([[...groupKeys, ...COLUMNS], ...rows].map((r) => csvLine(r, { eol: '\n' })).join(''));
  } else {
    ctx.out(
      `${result.definition.name} (${result.definition.id}${result.definition.version ? ` v${result.definition.version}` : ''}) · ${result.vintage.source} · extracts ${result.vintage.extractDates.join(', ') || 'none'}\n`,
    );
    printTable(ctx, [...groupKeys, ...COLUMNS], rows);
  }
  for (const w of result.warnings) ctx.err(`warning: ${w}\n`);
}
