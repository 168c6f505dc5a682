import type { CliContext } from '../context.ts';

/* What every `safer plans` subcommand shares: its error line (exit 1) and reading a plan id. */

export const fail = (ctx: CliContext, command: string, message: string) => {
  ctx.err(`safer plans ${command}: ${message}\n`);
  ctx.exitCode = 1;
};
export const planId = (s: string) => (/^[1-9]\d{0,8}$/.test(s) ? Number(s) : null);
