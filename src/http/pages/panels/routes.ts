import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.ts';
import { caseExport } from './caseExport.ts';
import { caseFormPage } from './caseFormPage.ts';
import { caseForms } from './caseForms.ts';
import { casePage } from './casePage.ts';
import { meetingPages } from './meetingPages.ts';
import { myCasesPage } from './myCasesPage.ts';
import { panelPages } from './panelPages.ts';

/** Panels, their members and meetings, agendas, cases (record, preparation, actions, outcome, closure), my cases. */
export function panelRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(panelPages(services));
    await app.register(meetingPages(services));
    await app.register(casePage(services));
    await app.register(caseForms(services));
    await app.register(caseFormPage(services));
    await app.register(caseExport(services));
    await app.register(myCasesPage(services));
  };
}
