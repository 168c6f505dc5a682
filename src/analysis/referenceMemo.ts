import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { scopedDataVersion } from './dataVersion.ts';

/*
 * Reference lookups remembered per database and data version (issue 16's miss mix: a dashboard miss asked the same
 * area, offence categories, covered months, populations, partial-month notes and filled definition keys dozens of
 * times). Only for answers that depend on imported data alone: the data version changes on every import or undo,
 * so a new version asks afresh. Never for users, access or anything else a request may change.
 */

/** Entries kept per database; old versions' entries age out first. */
export const REFERENCE_MEMO_ENTRIES = 5_000;

const memos = new WeakMap<Kysely<DB>, Map<string, Promise<unknown>>>();

function memoOf(db: Kysely<DB>): Map<string, Promise<unknown>> {
  let memo = memos.get(db);
  if (memo === undefined) {
    memo = new Map();
    memos.set(db, memo);
  }
  return memo;
}

/**
 * The answer of `lookup` for (`db`, the data version, `kind`, `key`), asked once while that version lasts:
 * concurrent callers share one query, a failure is forgotten (the next caller asks again), and each caller gets its
 * own copy, so no caller can change what another sees. Outside a data-version scope (withDataVersion: the CLI,
 * a bare runAnalysis) nothing is remembered and `lookup` runs as before, so no answer can outlive an import there.
 */
export async function remembered<T>(db: Kysely<DB>, kind: string, key: string, lookup: () => Promise<T>): Promise<T> {
  const version = scopedDataVersion(db);
  if (version === null) return lookup();
  const memo = memoOf(db);
  const full = `${await version}|${kind}|${key}`;
  let answer = memo.get(full) as Promise<T> | undefined;
  if (answer === undefined) {
    answer = lookup();
    const kept = answer;
    memo.set(full, kept);
    kept.catch(() => {
      if (memo.get(full) === kept) memo.delete(full);
    });
    while (memo.size > REFERENCE_MEMO_ENTRIES) {
      const oldest = memo.keys().next();
      if (oldest.done) break;
      memo.delete(oldest.value);
    }
  } else {
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    memo.delete(full);
    memo.set(full, answer);
  }
  return structuredClone(await answer);
}
