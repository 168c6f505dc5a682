import type { Command } from 'commander';
import type { Actor } from '../../auth/policy.ts';
import type { Database } from '../../db/database.ts';
import type { CliContext } from '../context.ts';
import { printTable } from '../printTable.ts';
import { withDatabase } from '../withDatabase.ts';

/*
 * `safer registers list|template|import|export`: the registers' files from the command line. An import or export
 * is made under a person's account (their rights on the register apply, their name goes on the entries and in the
 * audit log, with `via cli:` + SAFER_IMPORT_USER or the login name, as `safer import` names the operator): the
 * account given with --as, or the account whose e-mail SAFER_IMPORT_USER is.
 */

interface AsOption {
  as?: string;
}

const fail = (ctx: CliContext, command: string, message: string) => {
  ctx.err(`safer registers ${command}: ${message}\n`);
  ctx.exitCode = 1;
};

export function registerRegisterFileCommands(registers: Command, ctx: CliContext): void {
  registers
    .command('list')
    .description('list the registers: id, name, classification and fields')
    .option('--json', 'print JSON, with every field')
    .action(async (opts: { json?: boolean }) => list(ctx, opts));
  registers
    .command('template')
    .description("print a register's import template: the CSV header and one SYNTHETIC example row")
    .argument('<id>', 'the register id (safer registers list)')
    .action(async (id: string) => template(ctx, id));
  registers
    .command('import')
    .description('import a CSV or XLSX file into a register, whole or not at all (problems listed by line and column)')
    .argument('<id>', 'the register id (safer registers list)')
    .argument('<file>', 'CSV (UTF-8) or XLSX (first sheet), header in row 1, as safer registers template prints')
    .option('--as <email>', "the account the entries are recorded under (default: SAFER_IMPORT_USER's account)")
    .option('--json', 'print the result as JSON')
    .action(async (id: string, file: string, opts: AsOption & { json?: boolean }) => importFile(ctx, id, file, opts));
  registers
    .command('export')
    .description("write a register's entries as CSV or XLSX (marked; personal fields are never exported)")
    .argument('<id>', 'the register id (safer registers list)')
    .requiredOption('--format <format>', 'csv or xlsx')
    .requiredOption('--out <dir>', 'the folder to write the file to')
    .option('--as <email>', "the account whose export rights apply (default: SAFER_IMPORT_USER's account)")
    .action(async (id: string, opts: AsOption & { format: string; out: string }) => exportFile(ctx, id, opts));
}

async function list(ctx: CliContext, opts: { json?: boolean }): Promise<void> {
  const { loadRegisters } = await import('../../registers/loadRegisters.ts');
  const { marking } = await import('../../registers/registerPolicy.ts');
  const registers = (await loadRegisters()).all;
  if (opts.json) {
    const described = registers.map((r) => ({
      id: r.id,
      name: r.name,
      classification: r.classification,
      marking: marking(r),
      geometry: r.geometry,
      fields: r.fields.map((f) => ({
        name: f.name,
        label: f.label,
        type: f.type,
        required: f.required,
        personal: f.personal,
        ...(f.vocabulary ? { vocabulary: f.vocabulary } : {}),
        ...(f.register ? { register: f.register } : {}),
      })),
    }));
    return ctx.out(`${JSON.stringify({ registers: described }, null, 2)}\n`);
  }
  printTable(
    ctx,
    ['id', 'name', 'classification', 'fields'],
    registers.map((r) => [r.id, r.name, marking(r), r.fields.map((f) => f.name).join(', ')]),
  );
}

/** The register, its context (places, today) and, for import and export, the account acted as. */
async function prepare(ctx: CliContext, database: Database, command: string, id: string) {
  const { loadRegisters } = await import('../../registers/loadRegisters.ts');
  const { registerContext } = await import('../../registers/registerContext.ts');
  const registers = await loadRegisters();
  const register = registers.get(id);
  if (!register) {
    fail(ctx, command, `there is no register ${id}: see safer registers list`);
    return null;
  }
  const context = await registerContext(database.db, registers, ctx.config().partnershipArea);
  return { register, context };
}

async function actorFor(ctx: CliContext, database: Database, command: string, as?: string): Promise<Actor | null> {
  const { findUserByEmail, actorOf } = await import('../../auth/users.ts');
  const email = as ?? ctx.config().importUser;
  const user = await findUserByEmail(database.db, email);
  if (!user || user.disabled) {
    const why = user ? `${user.email} is disabled` : `there is no account ${email}`;
    fail(ctx, command, `${why}: say whose account to act as with --as EMAIL (their rights on the register apply)`);
    return null;
  }
  return actorOf(user);
}

async function template(ctx: CliContext, id: string): Promise<void> {
  const { exampleReferences, registerTemplate, templateCsv } = await import(
    '../../registers/files/registerTemplate.ts'
  );
  await withDatabase(ctx, async (database) => {
    const ready = await prepare(ctx, database, 'template', id);
    if (!ready) return;
    // The operator holds the whole database: the example may name an entry of any register.
    const all = new Set(ready.context.registers.all.map((r) => r.id));
    const refs = await exampleReferences(database.db, ready.register, all);
    ctx.out(templateCsv(registerTemplate(ready.register, ready.context, refs), '\n'));
    // Without an entry to name, the example row cannot import: say which register to fill first.
    for (const f of ready.register.fields)
      if (f.type === 'reference' && f.required && !refs.has(f.register ?? ''))
        ctx.err(`safer registers template: ${f.name} names no entry yet: import ${f.register} first\n`);
  });
}

async function importFile(ctx: CliContext, id: string, file: string, opts: AsOption & { json?: boolean }) {
  const { access } = await import('node:fs/promises');
  const { importRegisterFile } = await import('../../registers/files/importRegisterFile.ts');
  const { formatImportProblem } = await import('../../registers/files/importProblems.ts');
  const { RegisterRefusedError } = await import('../../registers/registerErrors.ts');
  try {
    await access(file);
  } catch (error) {
    return fail(ctx, 'import', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  await withDatabase(ctx, async (database) => {
    const ready = await prepare(ctx, database, 'import', id);
    const actor = ready && (await actorFor(ctx, database, 'import', opts.as));
    if (!ready || !actor) return;
    let r: Awaited<ReturnType<typeof importRegisterFile>>;
    try {
      r = await importRegisterFile(database, ready.context, actor, id, file, {
        via: `cli:${ctx.config().importUser}`,
      });
    } catch (error) {
      if (error instanceof RegisterRefusedError) return fail(ctx, 'import', `${actor.email}: ${error.message}`);
      throw error;
    }
    if (r.status === 'rejected') ctx.exitCode = 1;
    if (opts.json) return ctx.out(`${JSON.stringify(r, null, 2)}\n`);
    if (r.status === 'imported')
      return ctx.out(
        `imported ${r.rows} ${r.rows === 1 ? 'entry' : 'entries'} into ${ready.register.name} from ${r.file} (import ${r.importId})\n`,
      );
    if (r.status === 'unchanged')
      return ctx.out(`unchanged: ${r.file} was already imported into ${id} (import ${r.importId}); nothing changed\n`);
    for (const p of r.problems) ctx.err(`${formatImportProblem(r.file, p)}\n`);
    if (r.totalProblems > r.problems.length) ctx.err(`… and ${r.totalProblems - r.problems.length} more problems\n`);
    ctx.err(`safer registers import: ${r.file} was rejected; nothing was imported\n`);
  });
}

async function exportFile(ctx: CliContext, id: string, opts: AsOption & { format: string; out: string }) {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { exportRegister } = await import('../../registers/files/exportRegister.ts');
  const { RegisterRefusedError } = await import('../../registers/registerErrors.ts');
  const format = opts.format;
  if (format !== 'csv' && format !== 'xlsx')
    return fail(ctx, 'export', `--format must be csv or xlsx, not "${format}"`);
  await withDatabase(ctx, async (database) => {
    const ready = await prepare(ctx, database, 'export', id);
    const actor = ready && (await actorFor(ctx, database, 'export', opts.as));
    if (!ready || !actor) return;
    try {
      const file = await exportRegister(database.db, actor, ready.register, format, {
        now: new Date(),
        via: `cli:${ctx.config().importUser}`,
      });
      await mkdir(opts.out, { recursive: true });
      const path = join(opts.out, file.fileName);
      await writeFile(path, file.body);
      ctx.out(`wrote ${path} (${file.rows} entries)\n`);
    } catch (error) {
      if (error instanceof RegisterRefusedError) return fail(ctx, 'export', `${actor.email}: ${error.message}`);
      throw error;
    }
  });
}
