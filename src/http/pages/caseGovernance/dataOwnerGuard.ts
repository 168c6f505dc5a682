import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { mayHandleSubjectRequests } from '../../../panels/governance/subjectRequests.ts';
import { forbidden } from '../../errors.ts';
import { requireActor } from '../../guards.ts';

/** The subject request pages are the data owner's alone (403 for anyone else: the role decides). */
export function dataOwner(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!mayHandleSubjectRequests(actor)) throw forbidden();
  return actor;
}
