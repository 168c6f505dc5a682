import type { Classification } from '../db/tables/core.ts';

export const ROLES = ['viewer', 'analyst', 'partnership_manager', 'data_owner', 'administrator'] as const;
export type Role = (typeof ROLES)[number];
export const CLASSIFICATIONS = [
  'public',
  'partnership',
  'restricted',
  'personal',
] as const satisfies readonly Classification[];
export const AGENCY_KINDS = [
  'police',
  'local_authority',
  'health',
  'probation',
  'youth_justice',
  'fire',
  'vcs',
] as const;

/** Who is asking: enough to decide, nothing more. */
export interface Actor {
  readonly id: number;
  readonly email: string;
  readonly agency: string;
  readonly role: Role;
}

/** A dataset (import batch) as the rules see it. */
export interface DataResource {
  readonly classification: Classification;
  readonly owningAgency: string;
}

/**
 * Which agencies a role may read each classification from: 'any' agency,
 * only its 'own', or 'none'. Anything not listed is denied. Administrators run
 * accounts, not analysis, so they read no more than partnership data
 * (separation of duties); personal data stays with its owning agency's data owner.
 */
export const READ_RULES = {
  public: { viewer: 'any', analyst: 'any', partnership_manager: 'any', data_owner: 'any', administrator: 'any' },
  partnership: { viewer: 'any', analyst: 'any', partnership_manager: 'any', data_owner: 'any', administrator: 'any' },
  restricted: { viewer: 'none', analyst: 'own', partnership_manager: 'own', data_owner: 'own', administrator: 'none' },
  personal: { viewer: 'none', analyst: 'none', partnership_manager: 'none', data_owner: 'own', administrator: 'none' },
} as const satisfies Record<Classification, Record<Role, 'any' | 'own' | 'none'>>;

/** Exports leave Safer: viewers may not export, and nothing personal is ever exported. */
export const EXPORT_RULES = {
  public: { viewer: 'none', analyst: 'any', partnership_manager: 'any', data_owner: 'any', administrator: 'none' },
  partnership: { viewer: 'none', analyst: 'any', partnership_manager: 'any', data_owner: 'any', administrator: 'none' },
  restricted: { viewer: 'none', analyst: 'own', partnership_manager: 'own', data_owner: 'own', administrator: 'none' },
  personal: { viewer: 'none', analyst: 'none', partnership_manager: 'none', data_owner: 'none', administrator: 'none' },
} as const satisfies Record<Classification, Record<Role, 'any' | 'own' | 'none'>>;

type Rules = Record<Classification, Record<Role, 'any' | 'own' | 'none'>>;

function allowedBy(rules: Rules, actor: Actor, resource: DataResource): boolean {
  const rule = rules[resource.classification]?.[actor.role];
  if (rule === 'any') return true;
  if (rule === 'own') return actor.agency === resource.owningAgency;
  return false;
}

export const canReadData = (actor: Actor, resource: DataResource): boolean => allowedBy(READ_RULES, actor, resource);
export const canExportData = (actor: Actor, resource: DataResource): boolean =>
  allowedBy(EXPORT_RULES, actor, resource);

/** Importing adds data to the partnership: data owners and administrators. */
export const canImportData = (actor: Actor): boolean => actor.role === 'data_owner' || actor.role === 'administrator';

/** Only the owning agency's data owner may remove a batch. */
export const canUndoImport = (actor: Actor, resource: DataResource): boolean =>
  actor.role === 'data_owner' && actor.agency === resource.owningAgency;

export const canManageUsers = (actor: Actor): boolean => actor.role === 'administrator';
export const canManageTokens = (actor: Actor): boolean => actor.role === 'administrator';

/** Administrators see the whole audit log; data owners see their own agency's entries. */
export const canReadAudit = (actor: Actor): boolean => actor.role === 'administrator' || actor.role === 'data_owner';

/** Reads of these classifications are written to the audit log. */
export const isAuditedRead = (c: Classification): boolean => c === 'restricted' || c === 'personal';

/** The classifications this actor reads from any agency, and those only from its own: the SQL scope. */
export function readScope(
  actor: Actor,
  rules: Rules = READ_RULES,
): { anyAgency: Classification[]; ownAgency: Classification[] } {
  const anyAgency: Classification[] = [];
  const ownAgency: Classification[] = [];
  for (const c of CLASSIFICATIONS) {
    const rule = rules[c][actor.role];
    if (rule === 'any') anyAgency.push(c);
    else if (rule === 'own') ownAgency.push(c);
  }
  return { anyAgency, ownAgency };
}
