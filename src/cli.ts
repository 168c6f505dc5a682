import { Command, CommanderError } from 'commander';
import type { Config } from './config.ts';
import type { CliContext } from './cli/context.ts';

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Every `safer` command: its one-line summary, and how to load its code. Only the command being run is
 * loaded (`safer --help` loads none), so help answers in a fraction of a second instead of compiling and
 * evaluating the whole tree (2-4 s before); bench/cli measures it.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Register> }> = {
  migrate: {
    summary: 'apply pending database migrations (they also run on every start)',
    load: async () => (await import('./cli/commands/migrate.ts')).registerMigrateCommand,
  },
  import: {
    summary: 'import files or folders of files; each file is imported whole or not at all',
    load: async () => (await import('./cli/commands/import.ts')).registerImportCommand,
  },
  synthesise: {
    summary: 'write SYNTHETIC partner police and A&E (ISTV) extracts calibrated to the imported MPS ward counts',
    load: async () => (await import('./cli/commands/synthesise.ts')).registerSynthesiseCommand,
  },
  imports: {
    summary: 'list import batches: file, layout, series, extract date, who and when',
    load: async () => (await import('./cli/commands/imports.ts')).registerImportsCommand,
  },
  areas: {
    summary: 'list areas (GSS code, name, type, vintage)',
    load: async () => (await import('./cli/commands/areas.ts')).registerAreasCommand,
  },
  analyse: {
    summary: 'counts, rates with confidence limits, benchmarks, trends and breakdowns for a definition or category',
    load: async () => (await import('./cli/commands/analyse.ts')).registerAnalyseCommand,
  },
  definitions: {
    summary: 'list the serious violence definitions (id, version, name)',
    load: async () => (await import('./cli/commands/definitions.ts')).registerDefinitionsCommand,
  },
  indicators: {
    summary: 'list the partnership performance indicators (theme, lead agency, subgroup, unit, source, target)',
    load: async () => (await import('./cli/commands/indicators.ts')).registerIndicatorsCommand,
  },
  returns: {
    summary:
      'partner returns: open a quarter (as a partnership manager), list returns with status, due date and lateness',
    load: async () => (await import('./cli/commands/returns.ts')).registerReturnsCommand,
  },
  plans: {
    summary: 'delivery plans: import, list, show, export, template, report, remind (safer plans --help)',
    load: async () => (await import('./cli/commands/plans.ts')).registerPlansCommand,
  },
  registers: {
    summary: 'operational registers: list, template, import, export, retention (safer registers --help)',
    load: async () => (await import('./cli/commands/registers.ts')).registerRegistersCommand,
  },
  screening: {
    summary: 'exploitation screening tools: safer screening tools [--json]',
    load: async () => (await import('./cli/commands/screening.ts')).registerScreeningCommand,
  },
  panels: {
    summary: 'multi-agency panels (MASH, MACE, MARAC, IOM, the partnership’s own): safer panels list [--json]',
    load: async () => (await import('./cli/commands/panels.ts')).registerPanelsCommand,
  },
  retention: {
    summary: 'remove personal data past its retention date, keeping anonymous counts: safer retention run [--dry-run]',
    load: async () => (await import('./cli/commands/retention.ts')).registerRetentionCommand,
  },
  sar: {
    summary: 'subject access requests: safer sar export --person REF --out DIR (PDF and JSON of one person’s record)',
    load: async () => (await import('./cli/commands/sar.ts')).registerSarCommand,
  },
  keys: {
    summary: 'the case key file outside the database: safer keys rotate (re-seal special category fields)',
    load: async () => (await import('./cli/commands/keys.ts')).registerKeysCommand,
  },
  serve: {
    summary: 'start the web application (GET /health answers 200 when the database is reachable)',
    load: async () => (await import('./cli/commands/serve.ts')).registerServeCommand,
  },
  users: {
    summary: 'manage user accounts',
    load: async () => (await import('./cli/commands/users.ts')).registerUsersCommand,
  },
  tokens: {
    summary: 'manage API tokens',
    load: async () => (await import('./cli/commands/tokens.ts')).registerTokensCommand,
  },
  audit: { summary: 'the audit log', load: async () => (await import('./cli/commands/audit.ts')).registerAuditCommand },
  pack: {
    summary: 'the quarterly performance pack: safer pack build --quarter … --format html,pdf,docx,xlsx',
    load: async () => (await import('./cli/commands/pack.ts')).registerPackCommand,
  },
  report: {
    summary: 'report templates and documents: safer report templates, safer report build',
    load: async () => (await import('./cli/commands/report.ts')).registerReportCommand,
  },
  demo: {
    summary:
      'import the bundled Tower Hamlets, Hackney and Newham data and SYNTHETIC partner extracts, create demo users, start Safer',
    load: async () => (await import('./cli/commands/demo.ts')).registerDemoCommand,
  },
};

/** The command word in argv (`safer help import` asks about import). */
function commandIn(argv: readonly string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * Builds the `safer` command with the code of `argv`'s command loaded (all of them when `argv` is not
 * given) and the others as summaries only. Each sub-command lives in cli/commands/ and sets ctx.exitCode.
 */
export async function buildCli(ctx: CliContext, argv?: readonly string[]): Promise<Command> {
  const program = new Command('safer')
    .description('Safer: serious violence data and delivery for a Community Safety Partnership')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
  const wanted = argv === undefined ? undefined : commandIn(argv);
  for (const [name, { summary, load }] of Object.entries(COMMANDS)) {
    if (wanted === undefined ? argv !== undefined : wanted !== name) {
      program.command(name).description(summary);
      continue;
    }
    (await load())(program, ctx);
    program.commands.find((c) => c.name() === name)?.description(summary);
  }
  return program;
}

export async function runCli(argv: string[], given?: CliContext): Promise<number> {
  const ctx = given ?? (await defaultContext(commandIn(argv) !== undefined));
  try {
    const program = await buildCli(ctx, argv);
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    ctx.err(`safer: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function defaultContext(needsConfig: boolean): Promise<CliContext> {
  // Loaded only for a command, so that `safer --help` does not load config.ts and zod.
  const loadConfig = needsConfig ? (await import('./config.ts')).loadConfig : undefined;
  let config: Config | undefined;
  return {
    config: () => {
      if (!loadConfig) throw new Error('no command to configure');
      return (config ??= loadConfig());
    },
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTty: Boolean(process.stderr.isTTY),
    exitCode: 0,
  };
}
