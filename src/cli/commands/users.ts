import type { Command } from 'commander';
import { z } from 'zod';
import { listChoices, matchChoice, ROLE_CHOICES } from '../../auth/choices.ts';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

const Options = z.object({
  email: z.string().trim().toLowerCase().email('is not an email address'),
  agency: z.string().min(1),
  role: z.string().min(1),
  password: z.string().optional(),
});

export function registerUsersCommand(
  program: Command,
  ctx: CliContext,
  readStdin: () => Promise<string> = readAllStdin,
): void {
  const users = program.command('users');
  users
    .command('add')
    .description('add a user (the password comes from --password or standard input)')
    .requiredOption('--email <email>', 'email address')
    .requiredOption(
      '--agency <agency>',
      'agency, by code or name in any case (e.g. local_authority or "Local authority"; a wrong one lists them all)',
    )
    .requiredOption('--role <role>', `role, by code or name in any case: ${listChoices(ROLE_CHOICES)}`)
    .option('--password <password>', 'first password (prefer standard input: arguments show up in process lists)')
    .action(async (raw: unknown) => {
      // Loaded when the command runs, not for `safer users --help` (src/cli.ts).
      const { passwordProblem } = await import('../../auth/passwordRules.ts');
      const { findUserByEmail, insertUser, listAgencies } = await import('../../auth/users.ts');
      const { recordAudit } = await import('../../audit/recordAudit.ts');
      const parsed = Options.safeParse(raw);
      if (!parsed.success) {
        ctx.err(
          `safer users add: ${parsed.error.issues.map((i) => `--${String(i.path[0])} ${i.message}`).join('; ')}\n`,
        );
        ctx.exitCode = 2;
        return;
      }
      const opts = parsed.data;
      const role = matchChoice(opts.role, ROLE_CHOICES);
      if (!role) {
        ctx.err(`safer users add: unknown role "${opts.role}"; use a code or name: ${listChoices(ROLE_CHOICES)}\n`);
        ctx.exitCode = 2;
        return;
      }
      const password = opts.password ?? (await readStdin()).replace(/\r?\n$/, '');
      const problem = passwordProblem(password, opts.email);
      if (problem) {
        ctx.err(`safer users add: ${problem}\n`);
        ctx.exitCode = 2;
        return;
      }
      await withDatabase(ctx, async ({ db }) => {
        // Agencies and their names live in the database (the agency table), so they are matched here.
        const agencies = (await listAgencies(db)).map((a) => ({ code: a.code, label: a.name }));
        const agency = matchChoice(opts.agency, agencies);
        if (!agency) {
          ctx.err(`safer users add: unknown agency "${opts.agency}"; use a code or name: ${listChoices(agencies)}\n`);
          ctx.exitCode = 2;
          return;
        }
        if (await findUserByEmail(db, opts.email)) {
          ctx.err(`safer users add: there is already a user ${opts.email}\n`);
          ctx.exitCode = 1;
          return;
        }
        const user = await db.transaction().execute(async (trx) => {
          const created = await insertUser(trx, { email: opts.email, agency, role, password });
          await recordAudit(trx, {
            action: 'user.create',
            actor: { userId: null, email: `cli:${ctx.config().importUser}`, agency: '' },
            subjectType: 'user',
            subjectId: created.id,
            ip: 'cli',
            details: { after: { email: created.email, agency: created.agency_code, role: created.role } },
          });
          return created;
        });
        ctx.out(`Added ${user.email} (${user.role}, ${user.agency_code}).\n`);
      });
    });
}

async function readAllStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}
