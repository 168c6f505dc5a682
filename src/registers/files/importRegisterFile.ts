import { basename } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { sha256File } from '../../ingest/fingerprint.ts';
import { checkReferences, entryRowOf } from '../entryRow.ts';
import type { EntryValues, ValueProblem } from '../entryValues.ts';
import { rightsFor } from '../readers.ts';
import type { BoroughPlaces } from '../places.ts';
import type { RegisterContext } from '../registerContext.ts';
import type { PlaceIndex } from '../../domain/geo/placeIndex.ts';
import { RegisterEntryError, RegisterRefusedError } from '../registerErrors.ts';
import type { RegisterDefinition } from '../registerSchema.ts';
import { type ImportProblem, ImportProblems } from './importProblems.ts';
import { type ReadRow, readImportRows } from './readImportRows.ts';
import { fileFormatOf, UnreadableFileError } from './readRegisterFile.ts';
import { type ImportedEntry, writeImportedEntries } from './writeImportedEntries.ts';

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
  const previous = await database.db
    .selectFrom('register_import')
    .select(['id', 'row_count'])
    .where('register_id', '=', register.id)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (previous) return { ...result, status: 'unchanged', rows: previous.row_count, importId: previous.id };

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

  const importId = await database.bulkTransaction(async (trx, copy) => {
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
  return { ...result, status: 'imported', rows: entries.length, importId };
}

/** The problems listed in the order of the file's lines (a duplicate of a stored entry is found last). */
const listed = (problems: ImportProblems) => ({
  problems: [...problems.listed].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  totalProblems: problems.total,
});

/** References, places and duplicates of the rows read; problems by line, entries ready to write. */
async function checkRows(
  db: Kysely<DB>,
  ctx: RegisterContext,
  actor: Actor,
  register: RegisterDefinition,
  rows: readonly ReadRow[],
  problems: ImportProblems,
): Promise<ImportedEntry[]> {
  const { places } = await checkReferences(db, ctx, actor, uniqueReferences(rows));
  const placing = { ...ctx, places: rememberedPlaces(ctx.places) };
  const firstLine = new Map<string, number>();
  const entries: (ImportedEntry & { line: number })[] = [];
  for (const { line, values } of rows) {
    const rowProblems: ValueProblem[] = [];
    for (const r of values.references)
      for (const ref of r.refs)
        if (!places.has(ref))
          rowProblems.push({ field: r.field, message: `${ref} is not a ${entryNameOf(ctx, r.register)} you can see` });
    const row = entryRowOf(register, placing, values, places, rowProblems);
    for (const p of rowProblems) problems.add({ line, column: p.field, message: p.message });
    const earlier = firstLine.get(row.duplicate_key);
    if (earlier !== undefined)
      problems.add({
        line,
        column: duplicateColumn(register),
        message: `the same ${register.entryName} as line ${earlier}`,
      });
    else firstLine.set(row.duplicate_key, line);
    entries.push({ ...row, line });
  }
  for (const [key, reference] of await storedDuplicates(db, register, [...firstLine.keys()]))
    problems.add({
      line: firstLine.get(key) ?? null,
      column: duplicateColumn(register),
      message: `this ${register.entryName} is already recorded as ${reference}`,
    });
  return entries;
}

/** A duplicate is named at the first field of the register's duplicate key, as the form names it. */
const duplicateColumn = (register: RegisterDefinition) => register.duplicateKey[0] ?? null;

const entryNameOf = (ctx: RegisterContext, registerId: string) =>
  ctx.registers.get(registerId)?.entryName ?? registerId;

/** One reference list per field with each reference once, for one query per referenced register. */
function uniqueReferences(rows: readonly ReadRow[]): EntryValues['references'] {
  const byField = new Map<string, { field: string; register: string; refs: Set<string> }>();
  for (const { values } of rows)
    for (const r of values.references) {
      const found = byField.get(r.field) ?? { field: r.field, register: r.register, refs: new Set<string>() };
      for (const ref of r.refs) found.refs.add(ref);
      byField.set(r.field, found);
    }
  return [...byField.values()].map((r) => ({ field: r.field, register: r.register, refs: [...r.refs] }));
}

/** The duplicate keys already held by submitted entries of the register, with their references (one query). */
async function storedDuplicates(db: Kysely<DB>, register: RegisterDefinition, keys: readonly string[]) {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  // One text[] parameter rather than a list of 100,000 (PostgreSQL takes at most 65,535 parameters a statement).
  const { rows } = await sql<{ duplicate_key: string; reference: string | null }>`
    SELECT duplicate_key, reference FROM register_entry
    WHERE register_id = ${register.id} AND status = 'submitted' AND duplicate_key = ANY(${[...keys]}::text[])
  `.execute(db);
  for (const r of rows) found.set(r.duplicate_key, r.reference ?? '');
  return found;
}

/**
 * The borough's places, each point looked up once per file: a file's entries often share points (a bin emptied
 * many times, sweeps of the same estate, police.uk's snap points), and each lookup tests polygons.
 */
function rememberedPlaces(places: BoroughPlaces): BoroughPlaces {
  const remember = (index: PlaceIndex): PlaceIndex => {
    const seen = new Map<string, string | null>();
    return {
      has: (code) => index.has(code),
      locate: (lon, lat) => {
        const key = `${lon},${lat}`;
        let code = seen.get(key);
        if (code === undefined) seen.set(key, (code = index.locate(lon, lat)));
        return code;
      },
    };
  };
  return { ...places, lsoas: remember(places.lsoas), wards: remember(places.wards) };
}
