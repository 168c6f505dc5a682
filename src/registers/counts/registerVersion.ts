import { type Kysely, sql } from 'kysely';
import type { AuditAction } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { newestOf } from '../../delivery/deliveryVersion.ts';
import type { RegisterSet } from '../loadRegisters.ts';
import { rightsForAll } from '../readers.ts';

/** Every change to what a register page, layer or count shows is audited under one of these. */
const REGISTER_CHANGES = [
  'register.entry.create',
  'register.entry.edit',
  'register.entry.submit',
  'register.import',
  'register.reader.grant',
  'register.reader.revoke',
  'register.retention',
  'register.setting',
] as const satisfies readonly AuditAction[];

/** registerVersion's columns (`${prefix}<i>`), for a query that asks several versions at once (personalPageKey). */
export const registerVersionColumns = (prefix = 'a') =>
  REGISTER_CHANGES.map((action, i) =>
    sql<number | null>`(SELECT max(id) FROM audit_log WHERE action = ${action})`.as(`${prefix}${i}`),
  );
export const readRegisterVersion = (row: Record<string, unknown>, prefix = 'a'): string =>
  newestOf(row, prefix, REGISTER_CHANGES.length);

/**
 * A short string that changes whenever register entries, readerships or settings change: the highest audit id of
 * those kinds of change (as deliveryVersion does). Register entries change without a data import, so pages that
 * show them (places, overview) carry this in their cache key beside the data version.
 */
export async function registerVersion(db: Kysely<DB>): Promise<string> {
  const row = await db.selectNoFrom(registerVersionColumns()).executeTakeFirstOrThrow();
  return readRegisterVersion(row);
}

/**
 * What the reader may do with each register, as a key: r (reads), c (counts only) or - (nothing). Named
 * readerships are per person, so two readers with the same role and agency may differ here.
 */
export async function registerRightsKey(db: Kysely<DB>, actor: Actor, registers: RegisterSet): Promise<string> {
  const all = await rightsForAll(db, actor, registers);
  return all.map((r) => `${r.register.id}:${r.rights.read ? 'r' : r.rights.countsOnly ? 'c' : '-'}`).join(',');
}

/** The cache-key part for a page showing register entries or counts: the registers' version and the reader's rights. */
export async function registerPageKey(db: Kysely<DB>, actor: Actor, registers: RegisterSet): Promise<string> {
  const [version, rights] = await Promise.all([registerVersion(db), registerRightsKey(db, actor, registers)]);
  return `registers ${version} ${rights}`;
}
