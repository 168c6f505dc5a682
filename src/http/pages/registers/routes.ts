import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { provisionRoutes } from '../provision/routes.ts';
import { registerFileRoutes } from './fileRoutes.ts';
import { registerPageRoutes } from './pageRoutes.ts';
import { registerSettingRoutes } from './settingRoutes.ts';

/** Operational registers and the provision map (issue 20). */
export function registersRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(registerPageRoutes(services));
    await app.register(registerFileRoutes(services));
    await app.register(registerSettingRoutes(services));
    await app.register(provisionRoutes(services));
  };
}
