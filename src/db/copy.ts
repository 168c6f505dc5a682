import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/** A value COPY can take: null becomes SQL NULL. */
export type CopyValue = string | number | boolean | null;

/** Bulk-loads rows into `table` with COPY … FROM STDIN (CSV), in the caller's transaction. */
export type CopyRows = (table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]) => Promise<void>;

const IDENT = /^[a-z_][a-z0-9_]*$/;

function copySql(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!IDENT.test(name)) throw new Error(`COPY refuses identifier ${JSON.stringify(name)}`);
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT csv, NULL '\\N')`;
}

const NEEDS_QUOTES = /[",\r\n\\]/;
const QUOTES = /"/g;

/** CSV-encodes rows for COPY; \N stands for NULL so that an empty string stays an empty string. */
export function encodeCopyCsv(rows: readonly (readonly CopyValue[])[]): string {
  // One string built by appending: no array per row or cell (this runs for every row of every big file).
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i += 1) {
      const v = row[i]!;
      if (i > 0) out += ',';
      if (v === null) out += '\\N';
      else if (typeof v === 'number') out += String(v);
      else if (typeof v === 'boolean') out += v ? 'true' : 'false';
      else if (v === '') out += '""';
      else if (NEEDS_QUOTES.test(v)) out += `"${v.replace(QUOTES, '""')}"`;
      else out += v;
    }
    out += '\n';
  }
  return out;
}

type PGliteQueryable = Pick<PGlite, 'query'>;

export async function copyRowsPglite(
  tx: PGliteQueryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const blob = new Blob([encodeCopyCsv(rows)]);
  await tx.query(copySql(table, columns, "'/dev/blob'"), [], { blob });
}

export async function copyRowsPg(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(copySql(table, columns, 'STDIN')));
  await pipeline(Readable.from([encodeCopyCsv(rows)]), stream);
}
