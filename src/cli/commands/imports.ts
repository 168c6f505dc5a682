import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';
import { withDatabase } from '../withDatabase.ts';

export function registerImportsCommand(program: Command, ctx: CliContext): void {
  program
    .command('imports')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      // Loaded when the command runs, not for `safer imports --help` (src/cli.ts).
      const { listImportBatches } = await import('../../db/repositories/importBatches.ts');
      await withDatabase(ctx, async ({ db }) => {
        const batches = await listImportBatches(db);
        if (opts.json) {
          ctx.out(`${JSON.stringify({ batches }, null, 2)}\n`);
          return;
        }
        printTable(
          ctx,
          ['batch', 'file', 'layout', 'series', 'extract', 'rows', 'status', 'imported by', 'imported at', 'sha256'],
          batches.map((b) => [
            b.id,
            b.file_name,
            b.layout,
            b.series,
            b.extract_date,
            b.rows_read,
            b.status,
            b.imported_by,
            new Date(b.imported_at).toISOString().slice(0, 19).replace('T', ' '),
            b.sha256.slice(0, 12),
          ]),
        );
      });
    });
}
