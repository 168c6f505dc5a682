import { createHash } from 'node:crypto';

/** The chain starts from this hash: nothing came before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of one audit entry, in a fixed order. */
export interface AuditContent {
  at: string;
  actorUserId: number | null;
  actorEmail: string;
  actorAgency: string;
  action: string;
  outcome: 'success' | 'failure';
  subjectType: string;
  subjectId: string;
  ip: string;
  details: string;
}

/** Each hash covers the previous hash, so changing or removing any entry breaks every later link. */
export function auditHash(prevHash: string, c: AuditContent): string {
  const canonical = JSON.stringify([
    c.at,
    c.actorUserId,
    c.actorEmail,
    c.actorAgency,
    c.action,
    c.outcome,
    c.subjectType,
    c.subjectId,
    c.ip,
    c.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** JSON with keys sorted at every level, so the same details always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
