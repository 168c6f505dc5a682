import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** SCAFFOLD (issue 21, helper "caseGovernance" fills this in): `safer sar`. */
export function registerSarCommand(program: Command, _ctx: CliContext): void {
  program.command('sar');
}
