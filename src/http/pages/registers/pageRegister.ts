import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import { rightsFor } from '../../../registers/readers.ts';
import { RegisterEntryError, RegisterRefusedError } from '../../../registers/registerErrors.ts';
import { marking, type RegisterRights } from '../../../registers/registerPolicy.ts';
import type { RegisterDefinition } from '../../../registers/registerSchema.ts';
import type { Services } from '../../../services.ts';
import { HttpError, notFound } from '../../errors.ts';

/*
 * What every register page starts from: the register named in the path, the reader's rights on it (deny by
 * default, refused with a 403 page that names the register and nothing in it), and the words of its marking.
 */

const MAX_ID = 2_147_483_647;
export const RegisterParams = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{0,80}$/) });
export const EntryParams = RegisterParams.extend({ entryId: z.coerce.number().int().positive().max(MAX_ID) });

export const refused = (message: string) => new HttpError(403, 'FORBIDDEN', message);

/** Administrators run accounts; they never read a register's entries (registerPolicy). */
export function requireNotAdministrator(actor: Actor): void {
  if (actor.role === 'administrator')
    throw refused('Administrators run the service: they do not read or write register entries');
}

export interface PageRegister {
  register: RegisterDefinition;
  rights: RegisterRights;
}

/** The register and the reader's rights, or the 404 (no such register) / 403 (may not read it) page. */
export async function readableRegister(services: Services, actor: Actor, id: string): Promise<PageRegister> {
  requireNotAdministrator(actor);
  const register = (await services.registers()).get(id);
  if (!register) throw notFound('Register');
  const rights = await rightsFor(services.db, actor, register);
  if (!rights.read) throw refused(`You may not read the ${register.name} register`);
  return { register, rights };
}

/** The marking shown on every page of a register, with the words that go with it. */
export function markingOf(register: RegisterDefinition) {
  const text = marking(register);
  return {
    text,
    sensitive: text === 'OFFICIAL-SENSITIVE',
    handling: register.namedReadership
      ? 'Only the named readers of this register may see it. Do not copy it elsewhere.'
      : 'Share only with people in the partnership who need it. Do not copy it elsewhere.',
  };
}

/** A store's refusal as the 403 page; a problem-free entry error (no such entry) as the 404 page. */
export function pageErrorOf(error: unknown): never {
  if (error instanceof RegisterRefusedError) throw refused(error.message);
  if (error instanceof RegisterEntryError && error.problems.length === 0) throw notFound('Register entry');
  throw error;
}

/** "weapon sweep" → "a weapon sweep"; "incident" → "an incident". */
export const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
