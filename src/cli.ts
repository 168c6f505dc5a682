import { Command, CommanderError } from 'commander';
import { loadConfig } from './config.ts';
import { registerAreasCommand } from './cli/commands/areas.ts';
import { registerAnalyseCommand } from './cli/commands/analyse.ts';
import { registerDefinitionsCommand } from './cli/commands/definitions.ts';
import { registerDemoCommand } from './cli/commands/demo.ts';
import { registerImportCommand } from './cli/commands/import.ts';
import { registerImportsCommand } from './cli/commands/imports.ts';
import { registerMigrateCommand } from './cli/commands/migrate.ts';
import { registerServeCommand } from './cli/commands/serve.ts';
import { registerUsersCommand } from './cli/commands/users.ts';
import { registerTokensCommand } from './cli/commands/tokens.ts';
import { registerAuditCommand } from './cli/commands/audit.ts';
import { registerSynthesiseCommand } from './cli/commands/synthesise.ts';
import type { CliContext } from './cli/context.ts';

/** Builds the `safer` command. Each sub-command lives in cli/commands/ and sets ctx.exitCode. */
export function buildCli(ctx: CliContext): Command {
  const program = new Command('safer')
    .description('Safer: serious violence data and delivery for a Community Safety Partnership')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
  registerMigrateCommand(program, ctx);
  registerImportCommand(program, ctx);
  registerSynthesiseCommand(program, ctx);
  registerImportsCommand(program, ctx);
  registerAreasCommand(program, ctx);
  registerAnalyseCommand(program, ctx);
  registerDefinitionsCommand(program, ctx);
  registerServeCommand(program, ctx);
  registerUsersCommand(program, ctx);
  registerTokensCommand(program, ctx);
  registerAuditCommand(program, ctx);
  registerDemoCommand(program, ctx);
  return program;
}

export async function runCli(argv: string[], ctx: CliContext = defaultContext()): Promise<number> {
  const program = buildCli(ctx);
  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    ctx.err(`safer: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function defaultContext(): CliContext {
  return {
    config: () => loadConfig(),
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTty: Boolean(process.stderr.isTTY),
    exitCode: 0,
  };
}
