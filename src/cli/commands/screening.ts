import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** SCAFFOLD (issue 21, helper "screening" fills this in): `safer screening`. */
export function registerScreeningCommand(program: Command, _ctx: CliContext): void {
  program.command('screening');
}
