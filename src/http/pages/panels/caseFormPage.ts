import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { caseAccess, recordCaseRead } from '../../../panels/access/caseAccess.ts';
import { definitionText, panelDefinitionFrom } from '../../../panels/panel/panelDefinition.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { caseFormChoices } from './caseFormChoices.ts';
import { caseNotFound, RowId } from './pageErrors.ts';
import type { CaseWorkError } from '../../../panels/panel/panelErrors.ts';

/*
 * GET /cases/:id/change/:form: one change to a case on a page of its own (GOV.UK's one thing per page), for current
 * members of its panel while it is open; the outcome and closure for its chair and coordinator only. The case page
 * links here and carries no forms of its own but each action's status, so reading a case costs no form. A form sent
 * back with an error is shown here again (caseForms.ts → renderCase → renderCaseForm). Showing the page is a read
 * of the case, and audited like one; anyone need to know refuses gets the case's "not found".
 */

export const CASE_FORMS = {
  risk: { heading: 'Record a risk', lead: false },
  person: { heading: 'Link a person', lead: false },
  location: { heading: 'Link a location of concern', lead: false },
  preparation: { heading: 'Record your agency’s preparation', lead: false },
  action: { heading: 'Add an action', lead: false },
  outcome: { heading: 'Record the outcome at a meeting', lead: true },
  close: { heading: 'Close the case', lead: true },
} as const;

export type CaseFormName = keyof typeof CASE_FORMS;

export const isCaseForm = (form: string): form is CaseFormName => Object.hasOwn(CASE_FORMS, form);

export interface CaseFormError {
  error: CaseWorkError;
  /** Which form it came from, to open the error beside the right one. */
  form: string;
  values: Record<string, string>;
}

const Params = z.object({ id: RowId, form: z.string() });

/** A date's error links to its day field, the first of the three (GOV.UK error summary). */
const DATE_FIELDS = new Set(['dateOfBirth', 'dueOn']);

export async function renderCaseForm(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  caseId: number,
  form: CaseFormName,
  failed?: CaseFormError,
) {
  const actor = requireActor(request);
  const now = services.now();
  const access = await caseAccess(services.db, actor, caseId, now);
  if (!access) return caseNotFound(reply);
  const c = await services.db
    .selectFrom('panel_case as c')
    .innerJoin('panel as p', 'p.id', 'c.panel_id')
    .select(['c.id', 'c.reference', 'c.status', definitionText.as('definition')])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  await recordCaseRead(services.db, actor, access, 'page', request.ip, now);
  if (access.via !== 'member') throw new HttpError(403, 'FORBIDDEN', 'Only members of the panel change its cases');
  if (c.status !== 'open') throw new HttpError(403, 'FORBIDDEN', `Case ${c.reference} is closed`);
  const lead = access.panelRole === 'chair' || access.panelRole === 'coordinator';
  if (CASE_FORMS[form].lead && !lead)
    throw new HttpError(403, 'FORBIDDEN', 'Only the chair or coordinator records outcomes and closes cases');
  const panel = panelDefinitionFrom(c.definition);
  return reply.status(failed ? 400 : 200).view('pages/cases/case-form.njk', {
    title: `${CASE_FORMS[form].heading}: case ${c.reference}`,
    heading: CASE_FORMS[form].heading,
    form,
    c: { id: c.id, reference: c.reference, panel },
    ...(await caseFormChoices(services, request, panel.id, form)),
    failed: failed ? { form: failed.form, field: failed.error.field, text: failed.error.text } : null,
    values: failed?.values ?? {},
    errorList: failed
      ? [
          {
            text: failed.error.text,
            href: `#${failed.form}-${failed.error.field}${DATE_FIELDS.has(failed.error.field) ? '-day' : ''}`,
          },
        ]
      : [],
  });
}

export function caseFormPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/cases/:id(^\\d{1,10}$)/change/:form', async (request, reply) => {
      const { id, form } = parseWith(Params, request.params);
      if (!isCaseForm(form)) throw new HttpError(404, 'NOT_FOUND', 'Page not found');
      return renderCaseForm(services, request, reply, id, form);
    });
  };
}
