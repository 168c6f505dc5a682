import type { Kysely } from 'kysely';
import type { CopyRows } from './copy.ts';
import type { DB } from './schema.ts';

/**
 * A connection to Safer's database: PGlite embedded in a data folder, or a
 * PostgreSQL server. Everything above this module speaks Kysely and never
 * needs to know which.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<DB>;
  /**
   * Runs `work` in one transaction on one connection, giving it a Kysely bound
   * to that transaction and a COPY function on the same connection, so a bulk
   * load commits or rolls back whole with everything else the import wrote.
   */
  bulkTransaction<T>(work: (trx: Kysely<DB>, copy: CopyRows, copyBinary: CopyBinary) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Set when this process reaches an embedded data folder through the process that owns it
   * (src/db/embedded/): statements are stored by that process, not on this thread.
   */
  readonly via?: { readonly pid: number; readonly command: string };
}

/**
 * Bulk-loads `data`, already in PostgreSQL's binary COPY format (signature,
 * rows, trailer), into `table` in the caller's transaction.
 */
export type CopyBinary = (table: string, columns: readonly string[], data: Uint8Array) => Promise<void>;

const IDENT = /^[a-z_][a-z0-9_]*$/;

export function copyBinarySql(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!IDENT.test(name)) throw new Error(`COPY refuses identifier ${JSON.stringify(name)}`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT binary)`;
}
