import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerRegisterFileCommands } from './registersFiles.ts';
import { registerRegisterRetention } from './registersRetention.ts';

/*
 * `safer registers list|template|import|export` (registersFiles.ts) and `retention` (registersRetention.ts): the
 * operational registers from the command line. Imports are audited under the operator, like `safer import`.
 */
export function registerRegistersCommand(program: Command, ctx: CliContext): void {
  const registers = program
    .command('registers')
    .description('operational registers: list, template, import, export, retention');
  registerRegisterFileCommands(registers, ctx);
  registerRegisterRetention(registers, ctx);
}
