import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** SCAFFOLD (issue 21, helper "caseGovernance" fills this in): `safer keys`. */
export function registerKeysCommand(program: Command, _ctx: CliContext): void {
  program.command('keys');
}
