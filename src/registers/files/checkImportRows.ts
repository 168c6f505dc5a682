import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { PlaceIndex } from '../../domain/geo/placeIndex.ts';
import { checkReferences, entryRowOf, type ReferencedPlace } from '../entryRow.ts';
import type { EntryValues, ValueProblem } from '../entryValues.ts';
import type { BoroughPlaces } from '../places.ts';
import type { RegisterContext } from '../registerContext.ts';
import type { RegisterDefinition } from '../registerSchema.ts';
import type { ImportProblems } from './importProblems.ts';
import type { ReadRow } from './readImportRows.ts';
import type { ImportedEntry } from './writeImportedEntries.ts';

/*
 * The checks of an import that need the database or the whole file, a batch of rows at a time: references (one
 * query per referenced register per batch, each reference asked once per file), places in the borough, and
 * duplicates within the file. Rows with problems of their own are still placed and compared, so one pass lists
 * everything wrong. Duplicates of stored entries are found by the unique index when the entries are written (or,
 * for a file already rejected, by storedDuplicates over every key the file gave).
 */

export interface RowChecker {
  /** The batch's entries, ready to write; problems are added to the import's list by line. */
  check(db: Kysely<DB>, rows: readonly ReadRow[]): Promise<ImportedEntry[]>;
  /** Each duplicate key the file gave, with the first line that gave it. */
  readonly firstLine: ReadonlyMap<string, number>;
}

export function rowChecker(
  ctx: RegisterContext,
  actor: Actor,
  register: RegisterDefinition,
  problems: ImportProblems,
): RowChecker {
  const placing = { ...ctx, places: rememberedPlaces(ctx.places) };
  const firstLine = new Map<string, number>();
  const referenced = new Map<string, ReferencedPlace>();
  const asked = new Set<string>();
  return {
    firstLine,
    async check(db, rows) {
      const toAsk = newReferences(rows, asked);
      if (toAsk.length > 0)
        for (const [ref, place] of (await checkReferences(db, ctx, actor, toAsk)).places) referenced.set(ref, place);
      const entries: ImportedEntry[] = [];
      for (const { line, values } of rows) {
        const rowProblems: ValueProblem[] = [];
        for (const r of values.references)
          for (const ref of r.refs)
            if (!referenced.has(ref))
              rowProblems.push({
                field: r.field,
                message: `${ref} is not a ${entryNameOf(ctx, r.register)} you can see`,
              });
        const row = entryRowOf(register, placing, values, referenced, rowProblems);
        for (const p of rowProblems) problems.add({ line, column: p.field, message: p.message });
        const earlier = firstLine.get(row.duplicate_key);
        if (earlier !== undefined)
          problems.add({
            line,
            column: duplicateColumn(register),
            message: `the same ${register.entryName} as line ${earlier}`,
          });
        else firstLine.set(row.duplicate_key, line);
        entries.push(row);
      }
      return entries;
    },
  };
}

/** Lists, as problems at their first lines, the file's entries already recorded as submitted entries. */
export async function addStoredDuplicates(
  db: Kysely<DB>,
  register: RegisterDefinition,
  firstLine: ReadonlyMap<string, number>,
  problems: ImportProblems,
): Promise<void> {
  for (const [key, reference] of await storedDuplicates(db, register, [...firstLine.keys()]))
    problems.add({
      line: firstLine.get(key) ?? null,
      column: duplicateColumn(register),
      message: `this ${register.entryName} is already recorded as ${reference}`,
    });
}

/** A duplicate is named at the first field of the register's duplicate key, as the form names it. */
export const duplicateColumn = (register: RegisterDefinition) => register.duplicateKey[0] ?? null;

const entryNameOf = (ctx: RegisterContext, registerId: string) =>
  ctx.registers.get(registerId)?.entryName ?? registerId;

/** The batch's references not asked before, one list per field, each reference once (marked as asked). */
function newReferences(rows: readonly ReadRow[], asked: Set<string>): EntryValues['references'] {
  const byField = new Map<string, { field: string; register: string; refs: string[] }>();
  for (const { values } of rows)
    for (const r of values.references)
      for (const ref of r.refs) {
        const key = `${r.register}|${ref}`;
        if (asked.has(key)) continue;
        asked.add(key);
        const found = byField.get(r.field) ?? { field: r.field, register: r.register, refs: [] };
        found.refs.push(ref);
        byField.set(r.field, found);
      }
  return [...byField.values()];
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
