import type { Actor } from '../../../auth/policy.ts';
import { HttpError } from '../../errors.ts';

/** Administrators run accounts, not casework (decision 0017): no screening pages for them. */
export function refuseAdministrator(actor: Actor): Actor {
  if (actor.role === 'administrator')
    throw new HttpError(403, 'FORBIDDEN', 'Administrators do not complete or read screenings');
  return actor;
}
