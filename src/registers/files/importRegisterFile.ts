import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { sha256File } from '../../ingest/fingerprint.ts';
import { rightsFor } from '../readers.ts';
import type { RegisterContext } from '../registerContext.ts';
import { RegisterEntryError, RegisterRefusedError } from '../registerErrors.ts';
import { type ImportProblem, ImportProblems } from './importProblems.ts';
import { type ReadRow, readImportRows } from './readImportRows.ts';
import { checkRows, duplicateColumn, storedDuplicates } from './checkImportRows.ts';
import { fileFormatOf, UnreadableFileError } from './readRegisterFile.ts';
import { writeImportedEntries } from './writeImportedEntries.ts';

/*
 * Imports a CSV or XLSX file into one register, whole or not at all. Every row is read as a form is
 * (readEntryValues), placed in the borough (entryRowOf), its references checked in one query per referenced
 * register, and refused when it repeats a submitted entry or an earlier row of the file; today's date decides what
 * is "in the future". Any problem rejects the whole file (the first 50 listed, `file:line: column: message`) and
 * nothing is written. A file already imported into the register (same SHA-256) is reported unchanged. Otherwise
 * the entries (submitted, each with its 'imported' version row), the register_import row and one audit entry
 * are written in one transaction, the entries by COPY.
 */

export interface RegisterImportResult {
  status: 'imported' | 'unchanged' | 'rejected';
  register: string;
  file: string;
  format: 'csv' | 'xlsx';
  rows: number;
  importId: number | null;
  problems: ImportProblem[];
  totalProblems: number;
}

export interface ImportOptions {
  /** The name the person knows the file by (an upload's own name); the path's last part otherwise. */
  fileName?: string;
  /** Where the request came from, for the audit entry. */
  ip?: string;
  /** How it came: cli, upload. */
  via?: string;
}

export async function importRegisterFile(
  database: Database,
  ctx: RegisterContext,
  actor: Actor,
  registerId: string,
  path: string,
  options: ImportOptions = {},
): Promise<RegisterImportResult> {
  const register = ctx.registers.get(registerId);
  if (!register) throw new RegisterEntryError(`there is no register ${registerId}`, []);
  if (!(await rightsFor(database.db, actor, register)).write)
    throw new RegisterRefusedError(`You may not add to the ${register.name} register`);
  const file = options.fileName ?? basename(path);
  const format = await fileFormatOf(path);
  const result = { register: register.id, file, format, problems: [] as ImportProblem[], totalProblems: 0 };
  const sha256 = await sha256File(path);
  const previous = await importIfAny(database.db, register.id, sha256, result);
  if (previous) return previous;

  const problems = new ImportProblems();
  let rows: ReadRow[];
  try {
    rows = await readImportRows(register, path, file, format, ctx.today, problems);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    problems.add({ line: error.line, column: null, message: error.message });
    rows = [];
  }
  // Rows with problems of their own are still placed and compared, so one pass lists everything wrong.
  const entries = rows.length > 0 ? await checkRows(database.db, ctx, actor, register, rows, problems) : [];
  if (problems.total > 0) return { ...result, status: 'rejected', rows: 0, importId: null, ...listed(problems) };
  rows = []; // read values are no longer needed: let them go before the write holds its own copies

  const writing = database.bulkTransaction(async (trx, copy) => {
    const imported = await trx
      .insertInto('register_import')
      .values({
        register_id: register.id,
        file_name: file,
        sha256,
        row_count: entries.length,
        imported_by: actor.email,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeImportedEntries(trx, copy, register, actor, imported.id, entries, ctx.now);
    await recordAudit(
      trx,
      {
        action: 'register.import',
        actor: { userId: actor.id, email: actor.email, agency: actor.agency },
        subjectType: 'register_import',
        subjectId: imported.id,
        ip: options.ip,
        details: { register: register.id, file, format, sha256, rows: entries.length, via: options.via ?? null },
      },
      ctx.now,
    );
    return imported.id;
  });
  let importId: number;
  try {
    importId = await writing;
  } catch (error) {
    // Something was stored between the checks and the write (the same file, or the same entry from a form): the
    // unique indexes refused it and nothing was written; say what happened as if it had come first.
    const clash = uniqueClash(error);
    const again =
      clash === 'register_import_register_id_sha256_key' &&
      (await importIfAny(database.db, register.id, sha256, result));
    if (again) return again;
    if (clash !== 'register_entry_duplicate') throw error;
    for (const [key, reference] of await storedDuplicates(
      database.db,
      register,
      entries.map((e) => e.duplicate_key),
    ))
      problems.add({
        line: entries.find((e) => e.duplicate_key === key)?.line ?? null,
        column: duplicateColumn(register),
        message: `this ${register.entryName} is already recorded as ${reference}`,
      });
    return { ...result, status: 'rejected', rows: 0, importId: null, ...listed(problems) };
  }
  return { ...result, status: 'imported', rows: entries.length, importId };
}

/** The earlier import of the same file into the register, reported unchanged. */
async function importIfAny<T extends object>(db: Kysely<DB>, registerId: string, sha256: string, result: T) {
  const previous = await db
    .selectFrom('register_import')
    .select(['id', 'row_count'])
    .where('register_id', '=', registerId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return previous && { ...result, status: 'unchanged' as const, rows: previous.row_count, importId: previous.id };
}

/** The unique index a statement broke (PostgreSQL and PGlite both name it in the message), or null. */
function uniqueClash(error: unknown): string | null {
  if ((error as { code?: unknown })?.code !== '23505') return null;
  return /unique constraint "([^"]+)"/.exec(String((error as Error).message))?.[1] ?? null;
}

/** The problems listed in the order of the file's lines (a duplicate of a stored entry is found last). */
const listed = (problems: ImportProblems) => ({
  problems: [...problems.listed].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  totalProblems: problems.total,
});
