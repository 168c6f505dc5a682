import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

export function registerRegisterRetention(_registers: Command, _ctx: CliContext): void {}
