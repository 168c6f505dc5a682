import { randomBytes } from 'node:crypto';
import { chmod, rename, writeFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { type AuditActor, recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import { open, seal, sealedKeyId } from '../crypto/fieldCipher.ts';
import type { KeyRing } from '../crypto/keyRing.ts';

/*
 * Key rotation (decision 0017, 5; docs/panels.md "Rotating the key"):
 *   1. add a fresh key as current and write the key file (atomically, owner-only) BEFORE touching a row, so a crash
 *      never leaves a field sealed under a key the file lacks;
 *   2. re-seal every sealed field not under the current key, 1,000 rows per transaction, so a run can stop and be
 *      run again (it picks up what is left);
 *   3. retire: drop the keys no field uses any more; refused while any field still needs an old key.
 */

export class KeyRotationError extends Error {
  override name = 'KeyRotationError';
}

const BATCH = 1000;

/** The sealed columns: each table, its id column and the column (whose name is the sealing context). */
const SEALED = [
  { table: 'person', column: 'special_enc', context: 'person.special_enc' },
  { table: 'case_preparation', column: 'content_enc', context: 'case_preparation.content_enc' },
] as const;

/** Writes the key file through a temporary file and a rename, so a reader sees the old file or the new, never half. */
export async function writeKeyFile(path: string, ring: KeyRing): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, ring.toJson(), { mode: 0o600, flag: 'wx' });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

/** Re-seals every field not under the ring's current key; returns how many per column. */
export async function resealAll(db: Kysely<DB>, ring: KeyRing): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const s of SEALED) {
    counts[s.context] = 0;
    let after = 0;
    for (;;) {
      const rows = await fetchBatch(db, s.table, after);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]?.id ?? after;
      const stale = rows.filter((r) => r.sealed !== null && sealedKeyId(r.sealed) !== ring.currentId);
      if (stale.length === 0) continue;
      await db.transaction().execute(async (trx) => {
        for (const r of stale) {
          const fresh = seal(ring, s.context, open(ring, s.context, r.sealed ?? ''));
          if (s.table === 'person')
            await trx.updateTable('person').set({ special_enc: fresh }).where('id', '=', r.id).execute();
          else await trx.updateTable('case_preparation').set({ content_enc: fresh }).where('id', '=', r.id).execute();
        }
      });
      counts[s.context] = (counts[s.context] ?? 0) + stale.length;
    }
  }
  return counts;
}

async function fetchBatch(db: Kysely<DB>, table: 'person' | 'case_preparation', after: number) {
  if (table === 'person')
    return db
      .selectFrom('person')
      .select(['id', 'special_enc as sealed'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
  return db
    .selectFrom('case_preparation')
    .select(['id', 'content_enc as sealed'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(BATCH)
    .execute();
}

/** How many sealed fields each key id opens, over both columns. */
export async function keysInUse(db: Kysely<DB>): Promise<Map<string, number>> {
  const used = new Map<string, number>();
  for (const s of SEALED) {
    let after = 0;
    for (;;) {
      const rows = await fetchBatch(db, s.table, after);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]?.id ?? after;
      for (const r of rows) {
        const id = r.sealed === null ? undefined : sealedKeyId(r.sealed);
        if (id !== undefined) used.set(id, (used.get(id) ?? 0) + 1);
      }
    }
  }
  return used;
}

/** The ring without its old keys; refused while any field is still sealed under one of them. */
export async function retireKeys(db: Kysely<DB>, ring: KeyRing): Promise<{ ring: KeyRing; retired: string[] }> {
  const used = await keysInUse(db);
  const stillUsed = [...used].filter(([id]) => id !== ring.currentId);
  if (stillUsed.length > 0)
    throw new KeyRotationError(
      `cannot retire: ${stillUsed.map(([id, n]) => `${n} field(s) still sealed under "${id}"`).join(', ')}; run safer keys rotate first`,
    );
  const retired = ring.ids.filter((id) => id !== ring.currentId);
  return { ring: ring.without(retired), retired };
}

export interface RotationRun {
  currentKey: string;
  resealed: Record<string, number>;
  retired: string[];
}

/** The whole rotation against the key file at `path`: optional new key, re-seal, optional retire; audited. */
export async function rotateKeys(
  db: Kysely<DB>,
  ring: KeyRing,
  path: string,
  options: { newKeyId?: string; retire?: boolean; actor: AuditActor; now: Date },
): Promise<RotationRun> {
  let current = ring;
  if (options.newKeyId !== undefined) {
    current = ring.withNewCurrent(options.newKeyId);
    await writeKeyFile(path, current);
  }
  const resealed = await resealAll(db, current);
  let retired: string[] = [];
  if (options.retire) {
    const after = await retireKeys(db, current);
    retired = after.retired;
    if (retired.length > 0) await writeKeyFile(path, after.ring);
  }
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        action: 'panels.keys.rotate',
        actor: options.actor,
        subjectType: 'case_keys',
        subjectId: current.currentId,
        details: { newKey: options.newKeyId ?? null, resealed, retired },
      },
      options.now,
    ),
  );
  return { currentKey: current.currentId, resealed, retired };
}
