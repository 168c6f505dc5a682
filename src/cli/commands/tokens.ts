import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

const Options = z.object({
  email: z.string().trim().toLowerCase().email('is not an email address'),
  scope: z.enum(['read', 'write'], { message: 'must be read or write' }),
  name: z.string().trim().min(1).max(100).default('command line'),
});

export function registerTokensCommand(program: Command, ctx: CliContext): void {
  const tokens = program.command('tokens');
  tokens
    .command('create')
    .description('create an API token for a user and print it once (only its hash is kept)')
    .requiredOption('--email <email>', 'the user the token acts as')
    .requiredOption('--scope <scope>', 'read or write')
    .option('--name <name>', 'what the token is for')
    .action(async (raw: unknown) => {
      // Loaded when the command runs, not for `safer tokens --help` (src/cli.ts).
      const { createApiToken } = await import('../../auth/apiTokens.ts');
      const { findUserByEmail } = await import('../../auth/users.ts');
      const { recordAudit } = await import('../../audit/recordAudit.ts');
      const parsed = Options.safeParse(raw);
      if (!parsed.success) {
        ctx.err(
          `safer tokens create: ${parsed.error.issues.map((i) => `--${String(i.path[0])} ${i.message}`).join('; ')}\n`,
        );
        ctx.exitCode = 2;
        return;
      }
      const opts = parsed.data;
      await withDatabase(ctx, async ({ db }) => {
        const user = await findUserByEmail(db, opts.email);
        if (!user) {
          ctx.err(`safer tokens create: there is no user ${opts.email}\n`);
          ctx.exitCode = 1;
          return;
        }
        const token = await db.transaction().execute(async (trx) => {
          const created = await createApiToken(trx, { userId: user.id, name: opts.name, scope: opts.scope });
          await recordAudit(trx, {
            action: 'token.create',
            actor: { userId: null, email: `cli:${ctx.config().importUser}`, agency: '' },
            subjectType: 'api_token',
            subjectId: created.id,
            ip: 'cli',
            details: { holder: user.email, scope: opts.scope, name: opts.name },
          });
          return created;
        });
        ctx.out(`${token.token}\n`);
        ctx.err(`This ${opts.scope} token for ${user.email} is shown only once; Safer keeps only its hash.\n`);
      });
    });
}
