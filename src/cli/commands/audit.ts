import type { Command } from 'commander';
import { verifyAuditChain } from '../../audit/verifyAuditChain.ts';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

export function registerAuditCommand(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description('check the audit log hash chain and name the first broken entry')
    .action(async () => {
      await withDatabase(ctx, async ({ db }) => {
        const verdict = await verifyAuditChain(db);
        if (verdict.ok) {
          ctx.out(`The audit log is intact: ${verdict.entries} entries, every hash chained to the one before.\n`);
          return;
        }
        ctx.err(`The audit log is broken at entry ${verdict.brokenId}: ${verdict.reason}.\n`);
        ctx.exitCode = 1;
      });
    });
}
