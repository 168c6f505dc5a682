import { basename } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { sha256File } from '../../ingest/fingerprint.ts';
import { rightsFor } from '../readers.ts';
import type { RegisterContext } from '../registerContext.ts';
import type { RegisterDefinition } from '../registerSchema.ts';
import { RegisterEntryError, RegisterRefusedError } from '../registerErrors.ts';
import { type ImportProblem, ImportProblems } from './importProblems.ts';
import { readImportBatches } from './readImportRows.ts';
import { addStoredDuplicates, rowChecker } from './checkImportRows.ts';
import { type FileFormat, fileFormatOf } from './readRegisterFile.ts';
import { type EntryWriter, entryWriter } from './writeImportedEntries.ts';

/*
 * Imports a CSV or XLSX file into one register, whole or not at all. Every row is read as a form is
 * (readEntryValues), placed in the borough (entryRowOf), its references checked (one query per referenced register
 * per batch), and refused when it repeats a submitted entry or an earlier row of the file; today's date decides
 * what is "in the future". Any problem rejects the whole file (the first 50 listed, `file:line: column: message`)
 * and nothing is written. A file already imported into the register (same SHA-256) is reported unchanged.
 *
 * It all happens in one transaction, read and written a batch at a time: while the rows are right, each batch's
 * entries are COPYed (submitted, each later given its 'imported' version row) as the next batch is read, then the
 * register_import row's count and one audit entry are written. A problem stops the writing and the transaction is
 * rolled back once the whole file has been checked; a duplicate of a stored entry is refused by the unique index.
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
  const source = { register, path, file, format };
  let imported: { importId: number; rows: number };
  try {
    imported = await database.bulkTransaction(async (trx, copy) => {
      const { id } = await trx
        .insertInto('register_import')
        .values({ register_id: register.id, file_name: file, sha256, row_count: 0, imported_by: actor.email })
        .returning('id')
        .executeTakeFirstOrThrow();
      const writer = entryWriter(trx, copy, register, actor, id, ctx.now);
      const { firstLine } = await checkFile(trx, ctx, actor, source, problems, writer);
      // Any problem rejects the file: the transaction is rolled back, so nothing written so far is kept.
      if (problems.total > 0) throw new FileRejected(firstLine);
      const rows = await writer.finish();
      await trx.updateTable('register_import').set({ row_count: rows }).where('id', '=', id).execute();
      await recordAudit(
        trx,
        {
          action: 'register.import',
          actor: { userId: actor.id, email: actor.email, agency: actor.agency },
          subjectType: 'register_import',
          subjectId: id,
          ip: options.ip,
          details: { register: register.id, file, format, sha256, rows, via: options.via ?? null },
        },
        ctx.now,
      );
      return { importId: id, rows };
    });
  } catch (error) {
    if (error instanceof FileRejected) {
      await addStoredDuplicates(database.db, register, error.firstLine, problems);
      return { ...result, status: 'rejected', rows: 0, importId: null, ...listed(problems) };
    }
    // Something was stored meanwhile (the same file, or the same entry from a form or another import): a unique
    // index refused it and nothing was written; say what happened as if it had come first.
    const clash = uniqueClash(error);
    const again =
      clash === 'register_import_register_id_sha256_key' &&
      (await importIfAny(database.db, register.id, sha256, result));
    if (again) return again;
    if (clash !== 'register_entry_duplicate') throw error;
    // The write stopped at the first stored duplicate: read the whole file again, writing nothing, to list them all.
    const recheck = new ImportProblems();
    const { firstLine } = await checkFile(database.db, ctx, actor, source, recheck, null);
    await addStoredDuplicates(database.db, register, firstLine, recheck);
    return { ...result, status: 'rejected', rows: 0, importId: null, ...listed(recheck) };
  }
  return { ...result, status: 'imported', rows: imported.rows, importId: imported.importId };
}

/** Thrown inside the import's transaction when the file has problems, so that nothing it wrote is kept. */
class FileRejected extends Error {
  constructor(readonly firstLine: ReadonlyMap<string, number>) {
    super('the file has problems');
  }
}

/** Rows checked between turns of the event loop. */
const SLICE = 500;

/**
 * Reads and checks the file a batch at a time, handing each batch's entries to the writer while no problem has
 * been found (so the database writes one batch while the next is read); returns each duplicate key's first line.
 */
async function checkFile(
  db: Kysely<DB>,
  ctx: RegisterContext,
  actor: Actor,
  source: { register: RegisterDefinition; path: string; file: string; format: FileFormat },
  problems: ImportProblems,
  writer: EntryWriter | null,
) {
  const checker = rowChecker(ctx, actor, source.register, problems);
  try {
    const { register, path, file, format } = source;
    for await (const batch of readImportBatches(register, path, file, format, ctx.today, problems))
      for (let start = 0; start < batch.length; start += SLICE) {
        const entries = await checker.check(db, batch.slice(start, start + SLICE));
        if (writer && problems.total === 0) await writer.add(entries);
        // Let the socket take more of the COPY under way: it is written only when this thread is free.
        await setImmediate();
      }
  } catch (error) {
    await writer?.abandon();
    throw error;
  }
  if (problems.total > 0) await writer?.abandon();
  return checker;
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
