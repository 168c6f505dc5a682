import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { PlaceIndex } from '../../domain/geo/placeIndex.ts';
import { checkReferences, entryRowOf } from '../entryRow.ts';
import type { EntryValues, ValueProblem } from '../entryValues.ts';
import type { BoroughPlaces } from '../places.ts';
import type { RegisterContext } from '../registerContext.ts';
import type { RegisterDefinition } from '../registerSchema.ts';
import type { ImportProblems } from './importProblems.ts';
import type { ReadRow } from './readImportRows.ts';
import type { ImportedEntry } from './writeImportedEntries.ts';

/*
 * The checks of an import that need the database, over the rows read: references (one query per referenced
 * register), places in the borough, duplicates within the file and against the register's submitted entries.
 */

/** References, places and duplicates of the rows read; problems by line, entries ready to write. */
export async function checkRows(
  db: Kysely<DB>,
  ctx: RegisterContext,
  actor: Actor,
  register: RegisterDefinition,
  rows: readonly ReadRow[],
  problems: ImportProblems,
): Promise<(ImportedEntry & { line: number })[]> {
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
export const duplicateColumn = (register: RegisterDefinition) => register.duplicateKey[0] ?? null;

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
export async function storedDuplicates(db: Kysely<DB>, register: RegisterDefinition, keys: readonly string[]) {
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
