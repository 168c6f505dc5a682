import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

/*
 * `safer retention run [--dry-run] [--json]`: on demand, what `safer serve` does once a day. It removes the
 * personal data of panel cases and referrals past their retention (src/panels/retention, keeping the anonymous
 * counts) and the personal fields of register entries past theirs (src/registers/retention), each in its own
 * transaction and audited under the operator (`cli:` + SAFER_IMPORT_USER or the login name). A dry run lists what
 * would go and changes nothing.
 */

interface RunOptions {
  dryRun?: boolean;
  json?: boolean;
}

export function registerRetentionCommand(program: Command, ctx: CliContext): void {
  const retention = program
    .command('retention')
    .description('remove personal data past its retention date, keeping anonymous counts');
  retention
    .command('run')
    .description('panel cases and referrals, then register entries, past their retention (serve runs it daily)')
    .option('--dry-run', 'list what would be removed, remove nothing')
    .option('--json', 'print the result as JSON')
    .action(async (opts: RunOptions) => run(ctx, opts));
}

async function run(ctx: CliContext, opts: RunOptions): Promise<void> {
  const { removeExpiredCases } = await import('../../panels/retention/removeExpiredCases.ts');
  const { removeExpiredPersonal } = await import('../../registers/retention/removeExpiredPersonal.ts');
  const { loadRegisters } = await import('../../registers/loadRegisters.ts');
  const { loadPanels } = await import('../../panels/loadPanels.ts');
  const { openKeyRing } = await import('../../panels/crypto/keyRing.ts');
  const config = ctx.config();
  const [panels, registers, ring] = await Promise.all([
    loadPanels(),
    loadRegisters(),
    openKeyRing(config.caseKeys.file, config.caseKeys.createIfMissing),
  ]);
  const options = {
    now: new Date(),
    dryRun: opts.dryRun ?? false,
    actor: { userId: null, email: `cli:${config.importUser}`, agency: '' },
  };
  await withDatabase(ctx, async ({ db }) => {
    const cases = await removeExpiredCases(db, panels, ring, options);
    const entries = await removeExpiredPersonal(db, registers, options);
    if (opts.json) {
      ctx.out(`${JSON.stringify({ panels: cases, registers: entries }, null, 2)}\n`);
      return;
    }
    const verb = options.dryRun ? 'would remove' : 'removed';
    for (const c of cases.cases)
      ctx.out(`  ${verb} the personal data of case ${c.reference} (${c.panelId}, kept until ${c.retainUntil})\n`);
    for (const r of cases.referrals)
      ctx.out(
        `  ${verb} the personal data of referral ${r.reference} (${r.panelId}, ${r.decision ?? 'no decision'}, kept until ${r.retainUntil})\n`,
      );
    ctx.out(
      `Panels: ${options.dryRun ? 'would remove' : 'removed'} the personal data of ${plural(cases.cases.length, 'case')} and ${plural(cases.referrals.length, 'referral')} closed without a case; ${plural(cases.peopleRemoved, 'person', 'people')} deleted, ${plural(cases.factsUnlinked, 'anonymous count')} unlinked (the counts stay)\n`,
    );
    for (const r of entries.removed)
      ctx.out(`  ${verb} ${r.fields.join(', ')} from ${r.reference ?? `entry ${r.entryId}`} (${r.occurredOn})\n`);
    ctx.out(
      `Registers: ${options.dryRun ? 'would remove' : 'removed'} the personal fields of ${plural(entries.removed.length, 'entry', 'entries')}\n`,
    );
    ctx.out(
      `${options.dryRun ? 'Dry run on' : 'Retention run on'} ${cases.today}${options.dryRun ? ': nothing changed' : ' (audited)'}\n`,
    );
  });
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
