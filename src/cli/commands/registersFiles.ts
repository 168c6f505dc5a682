import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

export function registerRegisterFileCommands(_registers: Command, _ctx: CliContext): void {}
