import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import { recordAuditAlone } from '../../../audit/auditTogether.ts';
import { ETHNICITY, type EthnicityCode } from '../../../domain/panels/demographics.ts';
import { caseAccess, panelRole, referralAccess } from '../../../panels/access/caseAccess.ts';
import { isMash } from '../../../panels/panelSchema.ts';
import { consentLabel, lawfulBasisLabel, specialConditionLabel } from '../../../panels/referrals/lawfulBasis.ts';
import { referralDetail } from '../../../panels/referrals/referralQueries.ts';
import { isOverdue } from '../../../panels/referrals/referralTimes.ts';
import {
  type TriageProblem,
  TriageInputError,
  TriageNotFoundError,
  triageReferral,
} from '../../../panels/referrals/triage.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { type FormBody, one, readFormBody } from '../registers/formBody.ts';
import { statusText } from './referralWords.ts';

/*
 * One referral: 404 unless referralAccess (its referrer, a member of the panel it went to, or a reader of the case
 * it opened), and every view audited. Members of its panel see the triage form while it awaits triage; a triage
 * that opens a case goes to the case's page when the triager may read it (a panel's own triage), else back here.
 */

const Params = z.object({ id: z.coerce.number().int().positive() });

async function sendPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  id: number,
  triage: { body: FormBody; problems: readonly TriageProblem[] },
) {
  const now = services.now();
  if (!(await referralAccess(services.db, actor, id, now))) throw notFound('Referral');
  const detail = await referralDetail(services.db, await services.caseKeys(), id);
  if (!detail) throw notFound('Referral');
  await recordAuditAlone(
    services.db,
    {
      action: 'referral.read',
      actor: { userId: actor.id, email: actor.email, agency: actor.agency },
      subjectType: 'referral',
      subjectId: id,
      ip: request.ip,
    },
    now,
  );
  const panels = await services.panels();
  const { row, person } = detail;
  const panel = panels.get(row.panel_id);
  const short = (p: string) => panels.get(p)?.shortName ?? p;
  const member = (await panelRole(services.db, actor, row.panel_id, now)) !== null;
  const canTriage = member && row.status === 'awaiting-triage';
  const grounds = (Array.isArray(row.grounds) ? (row.grounds as string[]) : []).map(
    (g) => panel?.criteria.find((c) => c.id === g)?.label ?? g,
  );
  const errors: Partial<Record<TriageProblem['field'], { text: string }>> = {};
  for (const p of triage.problems) errors[p.field] ??= { text: p.message };
  const fromMash = panel ? isMash(panel) : false;
  return reply.status(triage.problems.length > 0 ? 400 : 200).view('pages/referrals/referral.njk', {
    title: `Referral ${row.reference}`,
    errorTitle: triage.problems.length > 0,
    made: (request.query as Record<string, unknown>)?.made === '1',
    r: row,
    panelName: panel?.name ?? row.panel_id,
    status: statusText(row.status, row.triage_decision, short),
    overdue: isOverdue(row, now),
    person,
    sex: person ? ({ female: 'Female', male: 'Male', 'not-known': 'Not known' } as const)[person.sex] : null,
    ethnicity: person ? ETHNICITY[person.special.ethnicity as EthnicityCode]?.label : null,
    grounds,
    lawfulBasis: lawfulBasisLabel(row.lawful_basis),
    specialCondition: row.special_condition ? specialConditionLabel(row.special_condition) : null,
    consent: consentLabel(row.consent),
    caseId: detail.caseId && (await caseAccess(services.db, actor, detail.caseId, now)) ? detail.caseId : null,
    repeatOfReference: detail.repeatOfReference,
    canTriage,
    fromMash,
    panelShort: panel?.shortName ?? row.panel_id,
    casePanels: panels.all
      .filter((p) => !isMash(p))
      .map((p) => ({ value: p.id, text: p.name, selected: one(triage.body, 'casePanelId') === p.id })),
    triage: {
      decision: one(triage.body, 'decision'),
      reason: one(triage.body, 'reason'),
      summary: one(triage.body, 'summary'),
    },
    errors,
    errorList: triage.problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
  });
}

export function referralPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/referrals/:id', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(Params, request.params);
      return sendPage(services, request, reply, actor, id, { body: {}, problems: [] });
    });

    app.post('/referrals/:id/triage', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(Params, request.params);
      const body = readFormBody(request.body);
      const decision = {
        decision: one(body, 'decision') || undefined,
        casePanelId: one(body, 'casePanelId') || undefined,
        reason: one(body, 'reason') || undefined,
        summary: one(body, 'summary') || undefined,
      };
      try {
        const done = await triageReferral(services.db, await services.caseKeys(), actor, id, decision, services.now());
        // To the case only for someone who may read it: a MASH worker who sent it to MACE is not on MACE.
        const mayReadCase = done.caseId !== null && (await caseAccess(services.db, actor, done.caseId, services.now()));
        if (mayReadCase) return reply.redirect(`/cases/${done.caseId}`, 303);
        return reply.redirect(`/referrals/${id}`, 303);
      } catch (error) {
        if (error instanceof TriageNotFoundError) throw notFound('Referral');
        if (error instanceof TriageInputError)
          return sendPage(services, request, reply, actor, id, { body, problems: error.problems });
        throw error;
      }
    });
  };
}
