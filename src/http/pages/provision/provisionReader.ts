import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { areaShapesIn } from '../../../maps/boundaries.ts';
import { rightsFor } from '../../../registers/readers.ts';
import { marking } from '../../../registers/registerPolicy.ts';
import type { RegisterDefinition } from '../../../registers/registerSchema.ts';
import {
  loadProvisionServices,
  type ProvisionService,
  provisionRegister,
} from '../../../registers/provision/provisionService.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { requireActor } from '../../guards.ts';

/** What every provision page starts from: the reader, the register, its services and the borough's wards. */
export interface ProvisionPageContext {
  actor: Actor;
  register: RegisterDefinition;
  marking: string;
  services: ProvisionService[];
  /** The borough's wards from the newest outlines held (the ones a service's wards are checked against), by name. */
  wards: { code: string; name: string }[];
  /** The register's `needs` vocabulary, in its order. */
  needs: string[];
  mayWrite: boolean;
  today: string;
}

/** Signed in and a reader of the provision register (readers.ts rights, deny by default), or 401/403. */
export async function provisionPageContext(services: Services, request: FastifyRequest): Promise<ProvisionPageContext> {
  const actor = requireActor(request);
  const register = provisionRegister(await services.registers());
  const rights = await rightsFor(services.db, actor, register);
  if (!rights.read)
    throw new HttpError(
      403,
      'FORBIDDEN',
      `You may not read the ${register.name} register, so the provision map is not shown`,
    );
  const [list, wardSets] = await Promise.all([
    loadProvisionServices(services.db, actor, await services.registers()),
    areaShapesIn(services.db, services.config.partnershipArea, 'ward'),
  ]);
  const wards = (wardSets[0]?.shapes ?? [])
    .map((s) => ({ code: s.code, name: s.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    actor,
    register,
    marking: marking(register),
    services: list,
    wards,
    needs: [...(register.fields.find((f) => f.name === 'needs')?.vocabulary ?? [])],
    mayWrite: rights.write,
    today: services.now().toISOString().slice(0, 10),
  };
}

/** A service's record page (the generic register pages). */
export const serviceHref = (id: number): string => `/registers/provision-services/entries/${id}`;
