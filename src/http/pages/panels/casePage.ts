import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ageOn, ETHNICITY } from '../../../domain/panels/demographics.ts';
import { recordCaseRead } from '../../../panels/access/caseAccess.ts';
import { caseRecord } from '../../../panels/cases/caseRecord.ts';
import { consentLabel, lawfulBasisLabel, specialConditionLabel } from '../../../panels/referrals/lawfulBasis.ts';
import { dayOf } from '../../../panels/panel/panelErrors.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { type CaseFormError, isCaseForm, renderCaseForm } from './caseFormPage.ts';
import { caseNotFound, RowId } from './pageErrors.ts';

/*
 * GET /cases/:id: one case, for those need to know lets in (anyone else: "not found", the same as no such case).
 * Every view, including a form sent back with an error, is recorded with recordCaseRead. Special category fields
 * and the agencies' preparation are shown to current panel members only; the forms to change the case too, and
 * the outcome and closure forms to the chair and coordinator. Never cached: each read is decided and audited.
 */

export const CaseParams = z.object({ id: RowId });

/** The success banner after a change, by `?done=`; a closure says how many open actions closed with it. */
const DONE: Record<string, string | ((query: Record<string, string | undefined>) => string)> = {
  preparation: 'Preparation recorded',
  risk: 'Risk recorded',
  person: 'Linked person added',
  location: 'Location of concern linked',
  action: 'Action added',
  status: 'Action updated',
  outcome: 'Outcome recorded',
  closed: (query) => {
    const n = /^\d{1,6}$/.test(query.actions ?? '') ? Number(query.actions) : 0;
    return n === 0 ? 'Case closed' : `Case closed; ${n} open ${n === 1 ? 'action' : 'actions'} closed with it`;
  },
};

export async function renderCase(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  caseId: number,
  failed?: CaseFormError,
) {
  // A form sent back with an error goes to its own page; only an action's status is changed on the case page itself.
  if (failed && isCaseForm(failed.form)) return renderCaseForm(services, request, reply, caseId, failed.form, failed);
  const actor = requireActor(request);
  const now = services.now();
  const record = await caseRecord(services.db, await services.caseKeys(), actor, caseId, now);
  if (!record) return caseNotFound(reply);
  await recordCaseRead(services.db, actor, record.access, 'page', request.ip, now);
  const member = record.access.via === 'member';
  const lead = record.access.panelRole === 'chair' || record.access.panelRole === 'coordinator';
  const changeable = member && record.status === 'open';
  const label = (list: { id: string; label: string }[], id: string | null) =>
    list.find((x) => x.id === id)?.label ?? id;
  const query = request.query as Record<string, string | undefined>;
  const doneText = query.done && Object.hasOwn(DONE, query.done) ? DONE[query.done] : undefined;
  const p = record.person;
  return reply.status(failed ? 400 : 200).view('pages/cases/case.njk', {
    title: `Case ${record.reference}`,
    c: record,
    member,
    lead,
    changeable,
    person: p
      ? {
          ...p,
          age: ageOn(p.dateOfBirth, dayOf(now)),
          ethnicity: p.special
            ? (ETHNICITY[p.special.ethnicity as keyof typeof ETHNICITY]?.label ?? p.special.ethnicity)
            : null,
        }
      : null,
    referralText: record.referral
      ? {
          lawfulBasis: lawfulBasisLabel(record.referral.lawfulBasis),
          specialCondition: record.referral.specialCondition
            ? specialConditionLabel(record.referral.specialCondition)
            : null,
          consent: consentLabel(record.referral.consent),
        }
      : null,
    outcomeText: label(record.panel.outcomes, record.outcome),
    closureText: label(record.panel.closureReasons, record.closureReason),
    banner: typeof doneText === 'function' ? doneText(query) : (doneText ?? null),
    failed: failed ? { form: failed.form, field: failed.error.field, text: failed.error.text } : null,
    errorList: failed ? [{ text: failed.error.text, href: '#actions' }] : [],
  });
}

export function casePage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/cases/:id(^\\d{1,10}$)', async (request, reply) => {
      const { id } = parseWith(CaseParams, request.params);
      return renderCase(services, request, reply, id);
    });
  };
}
