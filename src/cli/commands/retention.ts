import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** SCAFFOLD (issue 21, helper "retention" fills this in): `safer retention`. */
export function registerRetentionCommand(program: Command, _ctx: CliContext): void {
  program.command('retention');
}
