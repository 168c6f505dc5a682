import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';
import { fail } from './plansCli.ts';

/* `safer plans remind`: e-mail each owner of overdue, nearly due or quiet plan items, once a day at most. */

interface RemindOptions {
  dryRun?: boolean;
  today?: string;
}

export function registerPlanReminders(plans: Command, ctx: CliContext): void {
  plans
    .command('remind')
    .description(
      'e-mail each owner their plan items overdue, due within 7 days or without an update for 90 days (SAFER_SMTP_URL, SAFER_MAIL_FROM)',
    )
    .option('--dry-run', 'list the reminders without sending them')
    .option('--today <date>', 'the day to work out reminders for, YYYY-MM-DD (today by default)')
    .action(async (opts: RemindOptions) => remind(ctx, opts));
}

async function remind(ctx: CliContext, opts: RemindOptions): Promise<void> {
  const { sendReminders, ReminderError } = await import('../../delivery/reminders/sendReminders.ts');
  const config = ctx.config();
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  if (config.mail === undefined && !opts.dryRun)
    return fail(ctx, 'remind', 'e-mail is not configured: set SAFER_SMTP_URL and SAFER_MAIL_FROM; nothing was sent');
  const actor = { userId: null, email: `cli:${config.importUser}`, agency: '' };
  await withDatabase(ctx, async ({ db }) => {
    try {
      const run = await sendReminders(db, config, today, { dryRun: opts.dryRun ?? false, actor });
      for (const r of run.sent)
        ctx.out(`${run.dryRun ? 'would send' : 'sent'} to ${r.to}: ${r.subject} (items ${r.itemIds.join(', ')})\n`);
      for (const to of run.alreadyReminded) ctx.out(`already reminded on ${today}: ${to}\n`);
      if (run.sent.length === 0 && run.alreadyReminded.length === 0) ctx.out(`no reminders due on ${today}\n`);
    } catch (error) {
      if (!(error instanceof ReminderError)) throw error;
      for (const r of error.sent) ctx.out(`sent to ${r.to}: ${r.subject} (items ${r.itemIds.join(', ')})\n`);
      fail(ctx, 'remind', error.message);
    }
  });
}
