import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/** A value COPY can take: null becomes SQL NULL. */
export type CopyValue = string | number | boolean | null;

/** Bulk-loads rows into `table` with COPY … FROM STDIN (CSV), in the caller's transaction. */
export type CopyRows = (
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
) => Promise<void>;

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

/** Runs a COPY … FROM 'path' statement over bytes handed to PGlite's in-memory file system. */
export type PgliteFileCopy = (
  tx: PGliteQueryable,
  statement: (source: string) => string,
  data: Uint8Array,
) => Promise<void>;

/**
 * COPY on PGlite from a file in its in-memory file system rather than `/dev/blob`: PGlite reads a
 * Blob into a fresh ArrayBuffer and then hands it to the server a byte at a time in JavaScript, which
 * was ~1 s of this thread per 200 MB of police.uk rows; a MEMFS file is read with one memcpy per call.
 * Each COPY gets its own file, removed once the statement ends.
 */
export function pgliteFileCopy(pglite: PGlite): PgliteFileCopy {
  const FS = pglite.Module.FS;
  const dir = '/safer-copy';
  if (!FS.analyzePath(dir).exists) FS.mkdir(dir);
  let next = 0;
  return async (tx, statement, data) => {
    const path = `${dir}/${next++}`;
    // canOwn: the file is the caller's bytes themselves, not a copy (Emscripten MEMFS); `data` is not used
    // again. A copy per 2 MB chunk was a new native allocation each time, which glibc then kept (RSS).
    FS.writeFile(path, data, { canOwn: true });
    try {
      await tx.query(statement(`'${path}'`));
    } finally {
      FS.unlink(path);
    }
  };
}

export async function copyRowsPglite(
  copyFile: PgliteFileCopy,
  tx: PGliteQueryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  await copyFile(tx, (source) => copySql(table, columns, source), new TextEncoder().encode(encodeCopyCsv(rows)));
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
