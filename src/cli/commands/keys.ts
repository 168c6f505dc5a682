import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { withDatabase } from '../withDatabase.ts';

/*
 * `safer keys rotate [--new-key-id ID] [--retire]` on the case key file (SAFER_CASE_KEY_FILE): add a fresh key as
 * current (the file is rewritten atomically, owner-only), re-seal every special category field not under the current
 * key, and with --retire drop the keys no field uses any more. Run again after a failure: it picks up what is left.
 * Audited 'panels.keys.rotate' under the operator (`cli:` + SAFER_IMPORT_USER or the login name).
 */

interface RotateOptions {
  newKeyId?: string;
  retire?: boolean;
}

export function registerKeysCommand(program: Command, ctx: CliContext): void {
  const keys = program.command('keys').description('the case key file kept outside the database');
  keys
    .command('rotate')
    .description('add a new current key, re-seal every sealed field under it, optionally retire the old keys')
    .option('--new-key-id <ID>', 'the id of the fresh key to add and make current (letters, digits, . _ -)')
    .option('--retire', 'then remove the keys no sealed field uses (refused while any still does)')
    .action(async (opts: RotateOptions) => rotate(ctx, opts));
}

async function rotate(ctx: CliContext, opts: RotateOptions): Promise<void> {
  const { readKeyRing } = await import('../../panels/crypto/keyRing.ts');
  const { rotateKeys } = await import('../../panels/governance/rotateKeys.ts');
  const config = ctx.config();
  const path = config.caseKeys.file;
  const ring = await readKeyRing(path);
  const actor = { userId: null, email: `cli:${config.importUser}`, agency: '' };
  const run = await withDatabase(ctx, ({ db }) =>
    rotateKeys(db, ring, path, {
      ...(opts.newKeyId === undefined ? {} : { newKeyId: opts.newKeyId }),
      retire: opts.retire ?? false,
      actor,
      now: new Date(),
    }),
  );
  // A running server holds the ring it read at start: until it restarts it still seals under the old key.
  if (opts.newKeyId !== undefined)
    ctx.out(
      `Added key "${opts.newKeyId}" to ${path} as the current key; restart safer serve before --retire so it seals under it\n`,
    );
  for (const [column, n] of Object.entries(run.resealed)) ctx.out(`  re-sealed ${n} ${column}\n`);
  ctx.out(
    run.retired.length > 0
      ? `Retired ${run.retired.map((k) => `"${k}"`).join(', ')}; the key file now holds only "${run.currentKey}"\n`
      : `Every sealed field is under "${run.currentKey}"${opts.retire ? '; no key to retire' : '; run again with --retire to remove the old keys'}\n`,
  );
}
