import { resolve } from 'node:path';
import { readDescriptionFiles } from '../../files/readDescriptionFiles.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ScreeningTool } from './toolSchema.ts';

/*
 * The screening tools: every `screening-tools/*.json` read and checked (the error names the file and the field),
 * and each version copied into `screening_tool` if it is not there yet. A stored version is never rewritten: past
 * screenings point at it, so a change to a published tool must come as a new version.
 */

export const SCREENING_TOOLS_DIR = resolve(import.meta.dirname, '../../../screening-tools');

export class ScreeningToolError extends Error {
  override name = 'ScreeningToolError';
}

export interface ScreeningToolSet {
  readonly all: readonly ScreeningTool[];
  get(id: string): ScreeningTool | undefined;
}

export function screeningToolSet(list: readonly ScreeningTool[]): ScreeningToolSet {
  const byId = new Map(list.map((t) => [t.id, t]));
  return { all: [...list].sort((a, b) => a.title.localeCompare(b.title)), get: (id) => byId.get(id) };
}

/** Reads and checks the files only (what `safer screening tools` needs: no database). */
export async function readScreeningTools(dir: string = SCREENING_TOOLS_DIR): Promise<ScreeningToolSet> {
  const list = await readDescriptionFiles(dir, ScreeningTool, 'tool', (m) => new ScreeningToolError(m));
  return screeningToolSet(list);
}

/** Copies each tool's version into `screening_tool` unless that version is already stored. */
export async function syncScreeningTools(db: Kysely<DB>, set: ScreeningToolSet): Promise<void> {
  for (const t of set.all)
    await db
      .insertInto('screening_tool')
      .values({ id: t.id, version: t.version, title: t.title, definition: JSON.stringify(t) })
      .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
      .execute();
}

export async function loadScreeningTools(db: Kysely<DB>, dir: string = SCREENING_TOOLS_DIR): Promise<ScreeningToolSet> {
  const set = await readScreeningTools(dir);
  await syncScreeningTools(db, set);
  return set;
}

/** A stored version of a tool (the newest if no version is given), or undefined. */
export async function storedTool(db: Kysely<DB>, id: string, version?: number): Promise<ScreeningTool | undefined> {
  let q = db.selectFrom('screening_tool').select('definition').where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row ? ScreeningTool.parse(row.definition) : undefined;
}
