import type { Actor } from '../auth/policy.ts';
import type { Audience, RegisterDefinition } from './registerSchema.ts';

/*
 * Who may do what with a register, from its definition. Deny by default: an actor reads a register only when its
 * `read` audience includes them and, for a register with a named readership, a partnership manager has named them.
 * Administrators run accounts and never appear in an audience (the schema allows it; the rule below refuses it).
 */

const inAudience = (actor: Actor, audience: Audience): boolean =>
  actor.role !== 'administrator' &&
  audience.roles.includes(actor.role) &&
  (audience.agencies === 'any' || audience.agencies.includes(actor.agency));

/** What the actor may do with one register; `named` says whether a manager has named them as a reader. */
export interface RegisterRights {
  read: boolean;
  write: boolean;
  readPersonal: boolean;
  /** Counts only, with small numbers suppressed: readers outside the readership of a register that releases counts. */
  countsOnly: boolean;
  export: boolean;
  manageReaders: boolean;
}

export function registerRights(actor: Actor, register: RegisterDefinition, named: boolean): RegisterRights {
  const read = inAudience(actor, register.read) && (!register.namedReadership || named);
  const write = read && inAudience(actor, register.write);
  const readPersonal = read && register.personalRead !== undefined && inAudience(actor, register.personalRead);
  const countsOnly = !read && register.releaseCounts && actor.role !== 'administrator';
  return {
    read,
    write,
    readPersonal,
    countsOnly,
    // Viewers do not export (auth/policy.ts EXPORT_RULES); personal fields never leave in an export.
    export: read && actor.role !== 'viewer',
    manageReaders: register.namedReadership && actor.role === 'partnership_manager',
  };
}

/**
 * Any partnership reader: a viewer of no agency, named on no readership. What a document for the whole partnership
 * (an agenda, the performance pack built at the command line) may show: OFFICIAL registers exactly,
 * OFFICIAL-SENSITIVE ones as counts only.
 */
export const PARTNERSHIP_READER: Actor = { id: 0, email: 'partnership', agency: '', role: 'viewer' };

/** The markings shown on every page and file: partnership is OFFICIAL, restricted is OFFICIAL-SENSITIVE. */
export const marking = (register: RegisterDefinition): string =>
  register.classification === 'restricted' ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL';
