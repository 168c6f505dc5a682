import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { CopyRows, CopyValue } from '../../db/copy.ts';
import type { DB } from '../../db/schema.ts';
import { referenceOf } from '../entryStore.ts';
import type { RegisterDefinition } from '../registerSchema.ts';

/*
 * Writes a file's checked entries in the import's transaction with COPY in chunks, no statement per row: each
 * chunk's ids are taken from the entries' sequence in one query, so each entry's reference (WS-2026-0042) is known
 * before it is written, and each entry gets its version row ('imported') copied from it inside the database.
 * Entries are written as submitted, as saveEntry would write them one by one.
 */

/** One entry ready to write: what entryRowOf gave. */
export interface ImportedEntry {
  occurred_on: string | null;
  lon: number | null;
  lat: number | null;
  lsoa_code: string | null;
  ward_code: string | null;
  data: string;
  personal: string | null;
  search_text: string;
  duplicate_key: string;
}

const CHUNK = 5000;

export const ENTRY_COLUMNS = [
  'id',
  'register_id',
  'definition_version',
  'status',
  'reference',
  'owner_agency',
  'occurred_on',
  'lon',
  'lat',
  'lsoa_code',
  'ward_code',
  'data',
  'personal',
  'search_text',
  'duplicate_key',
  'import_id',
  'version',
  'created_by',
  'created_by_email',
  'created_at',
  'updated_at',
] as const;

/** Entry ids for `n` new entries, from the table's own sequence (so forms and imports never collide). */
async function takeIds(trx: Kysely<DB>, n: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT nextval(pg_get_serial_sequence('register_entry', 'id'))::integer AS id FROM generate_series(1, ${n}::integer)
  `.execute(trx);
  return rows.map((r) => Number(r.id));
}

export interface EntryWriter {
  /** Queues entries; a chunk is COPYed once 5,000 are waiting, while the caller reads and checks the next rows. */
  add(entries: readonly ImportedEntry[]): Promise<void>;
  /** Copies what is left (each chunk with its entries' version rows); returns how many entries were written. */
  finish(): Promise<number>;
  /** Waits for the COPY under way, if any, whatever its outcome: the transaction is about to be rolled back. */
  abandon(): Promise<void>;
}

/**
 * Writes a file's entries in the import's transaction as they are checked. A COPY that fails (the unique index
 * refusing a duplicate of a stored entry) is thrown by the next add or by finish, so the transaction ends there.
 */
export function entryWriter(
  trx: Kysely<DB>,
  copy: CopyRows,
  register: RegisterDefinition,
  actor: Actor,
  importId: number,
  now: Date,
): EntryWriter {
  const at = now.toISOString();
  let waiting: ImportedEntry[] = [];
  let written = 0;
  // One chunk is copied while the next is read and checked: the database and this thread work together.
  let copying: Promise<void> = Promise.resolve();
  const flush = async () => {
    const chunk = waiting;
    waiting = [];
    await copying;
    if (chunk.length === 0) return;
    const ids = await takeIds(trx, chunk.length);
    const rows = chunk.map((e, i) => rowOf(register, actor, importId, e, ids[i] as number, at, now));
    written += rows.length;
    // The chunk's version rows follow its COPY on the connection, so they too are written while the next is read.
    const [first, last] = [ids[0] as number, ids[ids.length - 1] as number];
    copying = copy('register_entry', ENTRY_COLUMNS, rows).then(() =>
      writeVersions(trx, register, importId, first, last),
    );
    // Seen by the next add, finish or abandon; marked handled so an abandoned import does not crash the process.
    copying.catch(() => undefined);
  };
  return {
    async add(entries) {
      for (const e of entries) waiting.push(e);
      if (waiting.length >= CHUNK) await flush();
    },
    async finish() {
      await flush();
      await copying;
      return written;
    },
    async abandon() {
      await copying.catch(() => undefined);
    },
  };
}

function rowOf(
  register: RegisterDefinition,
  actor: Actor,
  importId: number,
  e: ImportedEntry,
  id: number,
  at: string,
  now: Date,
): CopyValue[] {
  const reference = referenceOf(register.referencePrefix, e.occurred_on, id, now);
  return [
    id,
    register.id,
    register.version,
    'submitted',
    reference,
    actor.agency,
    e.occurred_on,
    e.lon,
    e.lat,
    e.lsoa_code,
    e.ward_code,
    e.data,
    e.personal,
    `${reference.toLowerCase()} ${e.search_text}`,
    e.duplicate_key,
    importId,
    1,
    actor.id,
    actor.email,
    at,
    at,
  ];
}

/** The version rows of the import's entries with ids first to last (a chunk's: its ids ascend). */
async function writeVersions(
  trx: Kysely<DB>,
  register: RegisterDefinition,
  importId: number,
  first: number,
  last: number,
): Promise<void> {
  // The version rows repeat what the entries hold, so they are copied inside the database rather than sent again;
  // like saveEntry's, each names (only names) the personal fields the entry was given, in the register's order.
  const personalNames = register.fields.filter((f) => f.personal).map((f) => f.name);
  await sql`
    INSERT INTO register_entry_version
      (entry_id, version, change, status, data, personal_fields_changed, changed_by, changed_by_email, changed_at)
    SELECT e.id, 1, 'imported', 'submitted', e.data,
      COALESCE(
        (SELECT jsonb_agg(f.name ORDER BY f.n) FROM unnest(${personalNames}::text[]) WITH ORDINALITY AS f(name, n)
          WHERE e.personal IS NOT NULL AND jsonb_exists(e.personal, f.name)),
        '[]'::jsonb
      ),
      e.created_by, e.created_by_email, e.created_at
    FROM register_entry e WHERE e.id BETWEEN ${first} AND ${last} AND e.import_id = ${importId}
  `.execute(trx);
}
