import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import type { FileImportResult } from '../../ingest/importFile.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';
import { withDatabase } from '../withDatabase.ts';

const Options = z.object({
  format: z.string().min(1).optional(),
  json: z.boolean().optional(),
  extractDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
    .optional(),
  encoding: z.enum(['utf-8', 'windows-1252']).optional(),
});

export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .argument('<paths...>', 'files or folders')
    .option('--format <name>', 'force a layout instead of detecting it from the header')
    .option('--extract-date <date>', 'when the publisher extracted the data (YYYY-MM-DD)')
    .option('--encoding <encoding>', 'utf-8 (default) or windows-1252')
    .option('--json', 'print a JSON summary')
    .action(async (paths: string[], raw: unknown) => {
      // Loaded when the command runs, not for `safer import --help` (src/cli.ts).
      const { expandImportPaths } = await import('../../ingest/expandPaths.ts');
      const { capYoungGenerationForImport } = await import('../../ingest/importHeap.ts');
      const { importFile } = await import('../../ingest/importFile.ts');
      const { refreshAggregatesForBatch } = await import('../../analysis/aggregates/refreshAggregatesForBatch.ts');
      const { formatProblem } = await import('../../ingest/problems.ts');
      const parsed = Options.safeParse(raw);
      if (!parsed.success) {
        ctx.err(`safer import: ${parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')}\n`);
        ctx.exitCode = 2;
        return;
      }
      const opts = parsed.data;
      const files = await expandImportPaths(paths);
      capYoungGenerationForImport();
      const results: FileImportResult[] = [];
      await withDatabase(ctx, async (database) => {
        const importedBy = ctx.config().importUser;
        for (const path of files) {
          const bar =
            ctx.isTty && !opts.json
              ? new cliProgress.SingleBar(
                  { format: `${path} [{bar}] {percentage}% | {eta_formatted}` },
                  cliProgress.Presets.shades_classic,
                )
              : null;
          bar?.start(100, 0);
          // Off a terminal, SAFER_PROGRESS=lines prints progress as lines for logs and supervisors.
          const lines = !ctx.isTty && process.env.SAFER_PROGRESS === 'lines' ? lineProgress(ctx, path) : null;
          try {
            results.push(
              await importFile(database, path, {
                format: opts.format,
                extractDate: opts.extractDate,
                encoding: opts.encoding,
                importedBy,
                refreshAggregates: refreshAggregatesForBatch,
                onProgress: bar
                  ? (done, total) => bar.update(Math.floor((done / Math.max(total, 1)) * 100))
                  : (lines ?? undefined),
              }),
            );
          } finally {
            bar?.stop();
          }
        }
      });
      if (results.some((r) => r.status === 'rejected')) ctx.exitCode = 1;
      if (opts.json) {
        ctx.out(`${JSON.stringify({ files: results.map(toJson) }, null, 2)}\n`);
        return;
      }
      printTable(
        ctx,
        ['file', 'layout', 'status', 'rows read', 'imported', 'unchanged', 'replaced', 'rejected'],
        results.map((r) => [
          r.path,
          r.format ?? '?',
          r.status,
          r.rows,
          r.imported,
          r.unchanged,
          r.replaced,
          r.rejected,
        ]),
      );
      for (const r of results) {
        if (r.status === 'unchanged') ctx.out(`${r.path}: ${r.message}\n`);
        for (const p of r.partialMonths) ctx.out(`${r.path}: ${partialMonthText(p)}\n`);
        if (r.status !== 'rejected') continue;
        ctx.err(`\n${r.path} was rejected; nothing from it was imported:\n`);
        for (const p of r.errors) ctx.err(`  ${formatProblem(r.path, p)}\n`);
        if (r.totalErrors > r.errors.length) ctx.err(`  … and ${r.totalErrors - r.errors.length} more problems\n`);
      }
    });
}

function lineProgress(ctx: CliContext, path: string): (done: number, total: number) => void {
  let lastPercent = -1;
  return (done, total) => {
    const percent = Math.floor((done / Math.max(total, 1)) * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    ctx.err(`progress ${path} ${percent}%\n`);
  };
}

function toJson(r: FileImportResult) {
  return {
    path: r.path,
    format: r.format,
    status: r.status,
    batch: r.batchId,
    rows: r.rows,
    imported: r.imported,
    unchanged: r.unchanged,
    replaced: r.replaced,
    rejected: r.rejected,
    errors: r.errors.map((e) => ({ line: e.line, column: e.column, value: e.value, message: e.message })),
    totalErrors: r.totalErrors,
    partialMonths: r.partialMonths,
  };
}

/** Said, not only noted on the batch: a month left out keeps whatever an earlier extract had for it, or stays empty. */
function partialMonthText(p: FileImportResult['partialMonths'][number]): string {
  const n = (v: number) => v.toLocaleString('en-GB');
  return `partial month ${p.month} left out (${n(p.offences)} ${p.offences === 1 ? 'offence' : 'offences'} against a median month of ${n(p.medianMonth)}): earlier extracts keep that month`;
}
