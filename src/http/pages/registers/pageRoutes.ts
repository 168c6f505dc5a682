import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { draftsPage } from './draftsPage.ts';
import { formPage } from './formPage.ts';
import { listPage } from './listPage.ts';
import { listRegisters } from './listRegisters.ts';
import { readersPage } from './readersPage.ts';
import { recordPage } from './recordPage.ts';

/** Register pages: list, form, record, history, drafts, readership (issue 20). */
export function registerPageRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(listRegisters(services));
    await app.register(listPage(services));
    await app.register(formPage(services));
    await app.register(draftsPage(services));
    await app.register(recordPage(services));
    await app.register(readersPage(services));
  };
}
