import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

/*
 * `safer registers retention [--dry-run] [--json]`: removes the personal fields of register entries past their
 * register's retention (src/registers/retention), as `safer serve` does once a day. Audited under the operator
 * (`cli:` + SAFER_IMPORT_USER or the login name); a dry run only lists what would go.
 */

interface RetentionOptions {
  dryRun?: boolean;
  json?: boolean;
}

export function registerRegisterRetention(registers: Command, ctx: CliContext): void {
  registers
    .command('retention')
    .description(
      "remove personal fields past their register's retention (entries and counts stay; audited); serve runs it daily",
    )
    .option('--dry-run', 'list what would be removed, remove nothing')
    .option('--json', 'print the result as JSON')
    .action(async (opts: RetentionOptions) => retention(ctx, opts));
}

async function retention(ctx: CliContext, opts: RetentionOptions): Promise<void> {
  const { removeExpiredPersonal } = await import('../../registers/retention/removeExpiredPersonal.ts');
  const { loadRegisters } = await import('../../registers/loadRegisters.ts');
  const config = ctx.config();
  const registers = await loadRegisters();
  const actor = { userId: null, email: `cli:${config.importUser}`, agency: '' };
  await withDatabase(ctx, async ({ db }) => {
    const run = await removeExpiredPersonal(db, registers, { now: new Date(), dryRun: opts.dryRun ?? false, actor });
    if (opts.json) {
      ctx.out(`${JSON.stringify(run, null, 2)}\n`);
      return;
    }
    for (const r of run.registers)
      ctx.out(
        `${r.register}: personal fields kept ${r.personalMonths} months (entries dated before ${r.cutoff} lose them)\n`,
      );
    const verb = run.dryRun ? 'would remove' : 'removed';
    for (const r of run.removed)
      ctx.out(`  ${verb} ${r.fields.join(', ')} from ${r.reference ?? `entry ${r.entryId}`} (${r.occurredOn})\n`);
    ctx.out(
      `${run.dryRun ? 'Dry run: would remove' : 'Removed'} the personal fields of ${run.removed.length} ${run.removed.length === 1 ? 'entry' : 'entries'} on ${run.today}${run.dryRun ? '; nothing changed' : ''}\n`,
    );
  });
}
