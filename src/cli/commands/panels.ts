import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** SCAFFOLD (issue 21, helper "panels" fills this in): `safer panels`. */
export function registerPanelsCommand(program: Command, _ctx: CliContext): void {
  program.command('panels');
}
