import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import { addAction, setActionStatus } from '../../../panels/cases/caseActions.ts';
import { addLinkedLocation, addLinkedPerson, addRisk, LOCATIONS_REGISTER } from '../../../panels/cases/caseDetails.ts';
import { closeCase, recordOutcome } from '../../../panels/cases/hearing.ts';
import { recordPreparation } from '../../../panels/cases/preparation.ts';
import { CaseRefusedError, CaseWorkError } from '../../../panels/panel/panelErrors.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { CaseParams, renderCase } from './casePage.ts';
import { caseNotFound, dayFromParts, formOf, isFieldError, RowId, refusalOf } from './pageErrors.ts';

/*
 * The POSTs that change a case: preparation, risk, linked person or location, action, action status, outcome,
 * closure. Each calls one function of src/panels/cases (one transaction, audited); a field error sends the case
 * page back (400) with the error beside the form it came from; a reader who may not change the case gets 403,
 * anyone else "not found".
 */

type Change<R> = (actor: Actor, caseId: number, form: Record<string, string>, request: FastifyRequest) => Promise<R>;

export function caseForms(services: Services) {
  return async function routes(app: FastifyInstance) {
    const now = () => services.now();
    const ring = () => services.caseKeys();

    /** `done` names the banner the case page shows (casePage's DONE); a function of the result adds its query. */
    const post = <R>(
      path: string,
      formName: string,
      done: string | ((result: NoInfer<R>) => string),
      change: Change<R>,
    ) =>
      app.post(`/cases/:id${path}`, async (request: FastifyRequest, reply: FastifyReply) => {
        const actor = requireActor(request);
        const { id } = parseWith(CaseParams, request.params);
        const form = formOf(request.body);
        let result: R;
        try {
          result = await change(actor, id, form, request);
        } catch (error) {
          if (error instanceof CaseRefusedError && error.message.startsWith('case:')) return caseNotFound(reply);
          if (isFieldError(error))
            return renderCase(services, request, reply, id, { error, form: formName, values: form });
          return refusalOf(error);
        }
        return reply.redirect(`/cases/${id}?done=${typeof done === 'string' ? done : done(result)}`, 303);
      });

    post('/preparation', 'preparation', 'preparation', async (actor, id, form) =>
      recordPreparation(
        services.db,
        await ring(),
        actor,
        id,
        { meetingId: form.meetingId || undefined, content: form.content },
        now(),
      ),
    );
    post('/risks', 'risk', 'risk', (actor, id, form) =>
      addRisk(services.db, actor, id, { risk: form.risk, level: form.level || undefined }, now()),
    );
    post('/links/person', 'person', 'person', async (actor, id, form) =>
      addLinkedPerson(
        services.db,
        await ring(),
        actor,
        id,
        {
          givenName: form.givenName,
          familyName: form.familyName,
          dateOfBirth: dayFromParts(form, 'dateOfBirth') || 'not a date',
          sex: form.sex || undefined,
          relationship: form.relationship,
        },
        now(),
      ),
    );
    post('/links/location', 'location', 'location', async (actor, id, form) => {
      const register = (await services.registers()).get(LOCATIONS_REGISTER);
      if (!register) throw new CaseWorkError('entryId', 'the locations of concern register is not set up');
      return addLinkedLocation(
        services.db,
        actor,
        id,
        { entryId: form.entryId || undefined, relationship: form.relationship },
        register,
        now(),
      );
    });
    post('/actions', 'action', 'action', (actor, id, form) =>
      addAction(
        services.db,
        actor,
        id,
        {
          text: form.text,
          ownerId: form.ownerId || undefined,
          dueOn: dayFromParts(form, 'dueOn'),
          meetingId: form.meetingId || undefined,
        },
        now(),
      ),
    );
    post('/actions/:actionId/status', 'status', 'status', (actor, id, form, request) => {
      const { actionId } = parseWith(z.object({ actionId: RowId }), request.params);
      return setActionStatus(services.db, actor, id, actionId, { status: form.status || undefined }, now());
    });
    post('/outcome', 'outcome', 'outcome', async (actor, id, form) =>
      recordOutcome(
        services.db,
        await ring(),
        actor,
        id,
        {
          meetingId: form.meetingId || undefined,
          outcome: form.outcome || undefined,
          escalated: form.escalated || 'no',
        },
        now(),
      ),
    );
    post<Awaited<ReturnType<typeof closeCase>>>(
      '/close',
      'close',
      (r) => `closed&actions=${r.actionsClosed}`,
      async (actor, id, form) =>
        closeCase(services.db, await ring(), actor, id, { reason: form.reason || undefined }, now()),
    );
  };
}
