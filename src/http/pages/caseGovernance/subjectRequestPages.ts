import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import {
  Decision,
  decideSubjectRequest,
  findSubjectRequest,
  listSubjectRequests,
  NewSubjectRequest,
  recordSubjectRequest,
  SubjectRequestError,
} from '../../../panels/governance/subjectRequests.ts';
import { RectificationError } from '../../../panels/governance/rectifyPerson.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { dataOwner } from './dataOwnerGuard.ts';
import { readFormBody } from '../registers/formBody.ts';
import { subjectAccessExportRoutes } from './subjectAccessExportRoutes.ts';
import {
  dateMessage,
  decisionInput,
  ethnicityItems,
  fieldHref,
  KIND_WORDS,
  newRequestInput,
  OUTCOME_WORDS,
  sexItems,
} from './subjectRequestForms.ts';

/*
 * /subject-requests: the data owner (the agency's data protection lead) records access, rectification and erasure
 * requests and their outcomes; nobody else sees these pages (403: the role decides, not a case's existence).
 */

type Errors = { text: string; href: string }[];
const issuesToErrors = (issues: { path: PropertyKey[]; message: string }[]): Errors =>
  issues.map((i) => {
    const path = i.path.map(String).join('.');
    return { text: dateMessage(path, i.message), href: fieldHref(path) };
  });
const errorFor = (errors: Errors, field: string) => errors.find((e) => e.href === `#${field}`)?.text;

export function subjectRequestPages(services: Services) {
  return async function routes(app: FastifyInstance) {
    await app.register(subjectAccessExportRoutes(services));

    app.get('/subject-requests', async (request, reply) => {
      const actor = dataOwner(request);
      const requests = await listSubjectRequests(services.db, actor);
      return reply.view('pages/caseGovernance/subject-requests.njk', {
        title: 'Subject requests',
        rows: requests.map((r) => [
          { html: `<a class="govuk-link" href="/subject-requests/${r.id}">${r.person_reference}</a>` },
          { text: KIND_WORDS[r.kind] },
          { text: r.received_on },
          { text: r.outcome ? OUTCOME_WORDS[r.outcome] : 'Open' },
        ]),
      });
    });

    const newPage = (values: Record<string, string>, errors: Errors = []) => ({
      title: 'Record a subject request',
      values,
      errorList: errors,
      err: (f: string) => errorFor(errors, f),
    });
    app.get('/subject-requests/new', async (request, reply) => {
      dataOwner(request);
      return reply.view('pages/caseGovernance/subject-request-new.njk', newPage({}));
    });
    app.post('/subject-requests', async (request, reply) => {
      const actor = dataOwner(request);
      const body = readFormBody(request.body);
      const input = newRequestInput(body);
      const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v ?? '')]));
      const parsed = NewSubjectRequest.safeParse(input);
      if (!parsed.success)
        return reply
          .status(400)
          .view('pages/caseGovernance/subject-request-new.njk', newPage(values, issuesToErrors(parsed.error.issues)));
      try {
        const id = await recordSubjectRequest(services.db, actor, parsed.data, services.now());
        return reply.redirect(`/subject-requests/${id}`, 303);
      } catch (error) {
        if (!(error instanceof SubjectRequestError)) throw error;
        return reply
          .status(400)
          .view('pages/caseGovernance/subject-request-new.njk', newPage(values, messageErrors(error.message)));
      }
    });

    const showRequest = async (actor: Actor, id: number, errors: Errors = [], values: Record<string, string> = {}) => {
      const r = await findSubjectRequest(services.db, actor, id);
      if (!r) throw notFound();
      return {
        title: `Subject request ${r.person_reference}`,
        r: { ...r, kindWords: KIND_WORDS[r.kind], outcomeWords: r.outcome ? OUTCOME_WORDS[r.outcome] : null },
        values,
        errorList: errors,
        err: (f: string) => errorFor(errors, f),
        ethnicityItems: ethnicityItems.map((i) => ({ ...i, selected: i.value === (values.ethnicity ?? '') })),
        sexItems: sexItems.map((i) => ({ ...i, selected: i.value === (values.sex ?? '') })),
      };
    };
    app.get('/subject-requests/:id', async (request, reply) => {
      const actor = dataOwner(request);
      const id = Number((request.params as { id: string }).id);
      if (!Number.isInteger(id)) throw notFound();
      return reply.view('pages/caseGovernance/subject-request.njk', await showRequest(actor, id));
    });
    app.post('/subject-requests/:id/decide', async (request, reply) => {
      const actor = dataOwner(request);
      const id = Number((request.params as { id: string }).id);
      const existing = Number.isInteger(id) ? await findSubjectRequest(services.db, actor, id) : null;
      if (!existing) throw notFound();
      const body = readFormBody(request.body);
      const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v ?? '')]));
      const parsed = Decision.safeParse(decisionInput(body, existing.kind));
      const refuse = async (errors: Errors) =>
        reply
          .status(400)
          .view('pages/caseGovernance/subject-request.njk', await showRequest(actor, id, errors, values));
      if (!parsed.success) return refuse(issuesToErrors(parsed.error.issues));
      try {
        await decideSubjectRequest(services.db, await services.caseKeys(), actor, id, parsed.data, services.now());
      } catch (error) {
        if (!(error instanceof SubjectRequestError || error instanceof RectificationError)) throw error;
        return refuse(messageErrors(error.message));
      }
      return reply.redirect(`/subject-requests/${id}`, 303);
    });
  };
}

/** "field: message" from the store → an error summary entry pointing at the field. */
function messageErrors(message: string): Errors {
  const m = /^([A-Za-z]+): (.*)$/.exec(message);
  if (!m) return [{ text: message, href: '#outcome' }];
  const [, field = '', text = ''] = m;
  const href = field === 'corrections' || field === 'person' || field === 'request' ? '#outcome' : fieldHref(field);
  return [{ text: text.charAt(0).toUpperCase() + text.slice(1), href }];
}
