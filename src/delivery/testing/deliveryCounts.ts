import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/* Test helpers: the carried seed documents (test-data/seeds/, see its README) and row counts of the delivery,
 * governance and lineage tables. */

const repo = resolve(import.meta.dirname, '../../..');
export const SEED_000 = resolve(repo, 'test-data/seeds/000_8814935fd8ff57ef.txt');
export const SEED_001 = resolve(repo, 'test-data/seeds/001_09c5d8c39eba6406.txt');
export const seedText = (path: string) => readFileSync(path, 'utf8');

const TABLES = [
  'plan',
  'plan_import',
  'plan_theme',
  'plan_item',
  'plan_item_wording',
  'plan_item_update',
  'plan_item_status',
  'plan_update_evidence',
  'plan_import_review',
  'board',
  'board_member',
  'meeting',
  'meeting_minutes',
  'decision',
  'meeting_action',
  'meeting_action_status',
  'lineage_link',
  'audit_log',
] as const;

export async function rowCounts(db: Kysely<DB>): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

export const CLI_ACTOR = { userId: null, email: 'cli:test', agency: '' };
