import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

/**
 * Runs a bulk load into `tables` the way one loads a warehouse, PostgreSQL
 * only (a superuser, as the bench's server is): their secondary indexes are
 * dropped and their triggers (the per-row foreign-key checks) switched off for
 * the load, then the very same indexes are built again from their stored
 * definitions and the triggers switched back on. Only the bench uses it, on
 * data it generates consistent by construction; what is measured afterwards
 * reads exactly the schema the migrations made. At 2,000,000 records the five
 * partner aggregates took ~45 s each to write with their indexes and checks
 * against ~17 s to compute (measured on the shared 2-core machine).
 */
export async function withoutIndexesAndChecks<T>(
  db: Kysely<DB>,
  tables: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename = ANY(${sql.val([...tables])}::text[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`.execute(
    db,
  );
  for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(db);
  for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER ALL`.execute(db);
  try {
    return await work();
  } finally {
    for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER ALL`.execute(db);
    const started = performance.now();
    for (const index of indexes) await sql.raw(index.definition).execute(db);
    console.log(`  ${indexes.length} indexes on ${tables.length} tables built in ${seconds(started)} s`);
  }
}

export const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(0);
