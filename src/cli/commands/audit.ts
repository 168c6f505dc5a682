import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

export function registerAuditCommand(program: Command, ctx: CliContext): void {
  const audit = program.command('audit');
  audit
    .command('verify')
    .description('check the audit log hash chain and name the first broken entry')
    .action(async () => {
      // Loaded when the command runs, not for `safer audit --help` (src/cli.ts).
      const { verifyAuditChain } = await import('../../audit/verifyAuditChain.ts');
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
