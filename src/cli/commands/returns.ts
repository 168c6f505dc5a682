import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';
import { withDatabase } from '../withDatabase.ts';

/*
 * `safer returns open` and `safer returns list`: the partner-return cycle from the command line. Opening a quarter
 * is a partnership manager's decision and is audited under their name, so the operator acts as a manager's account
 * (--as, or the only manager there is); any other account is refused rather than acting as an anonymous "cli" user.
 */

interface OpenOptions {
  quarter: string;
  due: string;
  as?: string;
}

export function registerReturnsCommand(program: Command, ctx: CliContext): void {
  const returns = program.command('returns').description('partner returns: open a quarter, list returns');
  returns
    .command('open')
    .description("open a quarter's returns: one per lead agency that owns returned indicators")
    .requiredOption('--quarter <label>', 'the financial quarter, e.g. "2025/26 Q3" (Q1 = April–June)')
    .requiredOption('--due <date>', 'when the returns are due, YYYY-MM-DD (after the quarter ends)')
    .option('--as <email>', "the partnership manager's account the operator acts as (needed when there are several)")
    .action(async (opts: OpenOptions) => open(ctx, opts));
  returns
    .command('list')
    .description('list returns with their status, due date and whether they are late')
    .option('--quarter <label>', 'only this quarter, e.g. "2025/26 Q3"')
    .option('--json', 'print JSON')
    .action(async (opts: { quarter?: string; json?: boolean }) => list(ctx, opts));
}

async function open(ctx: CliContext, opts: OpenOptions): Promise<void> {
  // Loaded when the command runs, not for `safer returns --help` (src/cli.ts).
  const { findUserByEmail, actorOf } = await import('../../auth/users.ts');
  const { openQuarter } = await import('../../performance/returns/returnStore.ts');
  const { PerformanceError } = await import('../../performance/performanceError.ts');
  const { loadIndicatorSet } = await import('../../performance/store/indicatorSet.ts');
  const { currentIndicators } = await import('../../performance/store/indicatorStore.ts');
  const fail = (message: string, code = 1) => {
    ctx.err(`safer returns open: ${message}\n`);
    ctx.exitCode = code;
  };
  await withDatabase(ctx, async ({ db }) => {
    const user = opts.as === undefined ? await onlyManager(db, fail) : await findUserByEmail(db, opts.as);
    if (user === null) return;
    if (user === undefined) return fail(`there is no user ${opts.as}`);
    if (user.disabled) return fail(`${user.email} is disabled`);
    if (user.role !== 'partnership_manager')
      return fail(`${user.email} has the role ${user.role}: only a partnership manager can open a quarter`);
    // The files may hold versions the database has not seen (a new checkout): open the returns on the latest.
    const { conflicts } = await loadIndicatorSet(db);
    for (const c of conflicts) ctx.err(`safer returns open: ${c}\n`);
    const indicators = (await currentIndicators(db)).map((s) => s.indicator);
    try {
      const r = await openQuarter(db, actorOf(user), { quarter: opts.quarter, dueOn: opts.due, indicators });
      for (const agency of r.opened) ctx.out(`opened\t${agency}\n`);
      for (const agency of r.alreadyOpen) ctx.out(`already open\t${agency}\n`);
      ctx.out(`${r.opened.length} returns opened, ${r.alreadyOpen.length} already open, due ${opts.due}\n`);
    } catch (error) {
      if (error instanceof PerformanceError) return fail(error.message);
      throw error;
    }
  });
}

/** Without --as, the one enabled partnership manager; with none or several, null after saying so. */
async function onlyManager(db: Kysely<DB>, fail: (message: string, code?: number) => void) {
  const managers = await db
    .selectFrom('app_user')
    .selectAll()
    .where('role', '=', 'partnership_manager')
    .where('disabled', '=', false)
    .orderBy('email')
    .execute();
  if (managers.length === 1) return managers[0] ?? null;
  fail(
    managers.length === 0
      ? 'there is no partnership manager account to open the quarter as: add one with safer users add'
      : `say which partnership manager opens the quarter: --as ${managers.map((m) => m.email).join(' or --as ')}`,
    2,
  );
  return null;
}

async function list(ctx: CliContext, opts: { quarter?: string; json?: boolean }): Promise<void> {
  const { listReturns } = await import('../../performance/returns/returnQueries.ts');
  const { parseQuarter, QuarterLabelError } = await import('../../domain/performance/indicatorPeriods.ts');
  let quarter: string | undefined;
  try {
    // Stored under the canonical label ('2025/26 Q3'), so '2025/26 q3' finds it too.
    quarter = opts.quarter === undefined ? undefined : parseQuarter(opts.quarter).label;
  } catch (error) {
    if (!(error instanceof QuarterLabelError)) throw error;
    ctx.err(`safer returns list: ${error.message}\n`);
    ctx.exitCode = 1;
    return;
  }
  await withDatabase(ctx, async ({ db }) => {
    const rows = await listReturns(db, { quarter });
    if (opts.json) {
      ctx.out(`${JSON.stringify({ returns: rows }, null, 2)}\n`);
      return;
    }
    if (rows.length === 0) {
      ctx.out(`no returns${quarter ? ` for ${quarter}` : ''}\n`);
      return;
    }
    printTable(
      ctx,
      ['id', 'quarter', 'agency', 'status', 'due', 'late', 'entered'],
      rows.map((r) => [
        r.id,
        r.quarter,
        r.agencyName,
        r.status.replace('_', ' '),
        r.dueOn,
        r.late ? 'LATE' : '',
        `${r.entered} of ${r.indicators}`,
      ]),
    );
  });
}
