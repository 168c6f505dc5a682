import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** What identifies a definition's partner counts: its id and version, and the filter they were counted with. */
export interface KeyedSpec {
  filter: { compile(db: Kysely<DB>): { sql: string; parameters: readonly unknown[] } };
  counts: string;
}

/**
 * The key of a definition's rows in agg_partner_definition: id, version and a
 * hash of its compiled partner filter. Anything that changes what is counted
 * (the definition file, the category ids it maps onto) changes the key, so
 * counts filled for one filter are never read for another.
 */
export function definitionKey(db: Kysely<DB>, definition: { id: string; version: number }, spec: KeyedSpec): string {
  const compiled = spec.filter.compile(db);
  const hash = createHash('sha256')
    .update(JSON.stringify([compiled.sql, compiled.parameters, spec.counts]))
    .digest('hex')
    .slice(0, 16);
  return `${definition.id}@${definition.version}:${hash}`;
}

/** The key under which counts of every partner record are filled: which slices hold any record of a borough (coverage). */
export const ALL_RECORDS_KEY = '*all-records';

/** Which of these keys have their counts filled for every slice (see definitionCounts.ts). */
export async function filledKeys(db: Kysely<DB>, keys: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('agg_definition_key')
    .select('definition_key')
    .where('definition_key', 'in', [...keys])
    .execute();
  return new Set(rows.map((r) => r.definition_key));
}
