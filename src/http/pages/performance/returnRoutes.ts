import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import type { RawEntry } from '../../../domain/performance/returnValidation.ts';
import { PerformanceError } from '../../../performance/performanceError.ts';
import { acceptReturn, saveReturn, sendBackReturn } from '../../../performance/returns/returnStore.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { httpOf, type PageState, sendReturnPage, visibleReturn } from './returnPage.ts';

export const ReturnParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

type Body = Record<string, unknown>;
const text = (body: Body, key: string) => String(body[key] ?? '').slice(0, 4000);

/** The form's fields, `<indicator id>-<field>`, as the store's raw entries (only the indicators the return asks for). */
export function entriesOf(body: Body, ids: readonly string[]): Record<string, RawEntry> {
  return Object.fromEntries(
    ids.map((id) => [
      id,
      {
        value: text(body, `${id}-value`),
        numerator: text(body, `${id}-numerator`),
        denominator: text(body, `${id}-denominator`),
        commentary: text(body, `${id}-commentary`),
        outlierNote: text(body, `${id}-outlierNote`),
        confirmOutlier: body[`${id}-confirmOutlier`] === 'yes',
      },
    ]),
  );
}

/**
 * Runs a store change; a validation or state refusal re-renders the return page with `state` (what was typed) and
 * the problems, and nothing was saved (the store writes all or nothing). Success redirects (POST/redirect/GET).
 */
export async function orReturnPage(
  services: Services,
  reply: FastifyReply,
  actor: Actor,
  id: number,
  state: PageState,
  change: () => Promise<unknown>,
  field = 'main-content',
) {
  // The send-back form's reason is not the correction's reason: each form names its own field.
  try {
    await change();
  } catch (error) {
    if (!(error instanceof PerformanceError) || error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')
      throw httpOf(error);
    const problems =
      error.problems.length > 0
        ? error.problems.map((p) => (field === 'sendBackReason' && p.field === 'reason' ? { ...p, field } : p))
        : [{ field, message: error.message }];
    const status = error.code === 'VALIDATION' ? 400 : 409;
    return sendReturnPage(services, reply, actor, id, { ...state, problems, status });
  }
  return reply.redirect(`/performance/returns/${id}`, 303);
}

export function returnRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/performance/returns/:id', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReturnParams, request.params);
      return sendReturnPage(services, reply, actor, id);
    });

    // Save or submit: both buttons post the whole form; `action` says which was pressed.
    app.post('/performance/returns/:id', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReturnParams, request.params);
      const ret = await visibleReturn(services, actor, id);
      const body = (request.body ?? {}) as Body;
      const entries = entriesOf(
        body,
        ret.asks.map((i) => i.id),
      );
      const reason = text(body, 'reason');
      const submit = body.action === 'submit';
      return orReturnPage(services, reply, actor, id, { entries, reason }, () =>
        saveReturn(services.db, actor, id, { entries, submit, reason }, services.now()),
      );
    });

    app.post('/performance/returns/:id/accept', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReturnParams, request.params);
      await visibleReturn(services, actor, id);
      return orReturnPage(services, reply, actor, id, {}, () => acceptReturn(services.db, actor, id, services.now()));
    });

    app.post('/performance/returns/:id/send-back', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReturnParams, request.params);
      await visibleReturn(services, actor, id);
      const sendBackReason = text((request.body ?? {}) as Body, 'sendBackReason');
      return orReturnPage(
        services,
        reply,
        actor,
        id,
        { sendBackReason },
        () => sendBackReturn(services.db, actor, id, sendBackReason, services.now()),
        'sendBackReason',
      );
    });
  };
}
