import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { forbidden } from '../../errors.ts';
import { requireActor } from '../../guards.ts';

/**
 * The signed-in reader of the Performance section. Administrators run the service and are refused partner returns
 * (performancePolicy), so the section as a whole is not theirs either: one rule, also used by the navigation.
 */
export function requirePerformanceReader(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (actor.role === 'administrator') throw forbidden();
  return actor;
}
