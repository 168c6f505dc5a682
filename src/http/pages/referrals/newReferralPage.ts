import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../auth/policy.ts';
import type { ReferralProblem } from '../../../panels/referrals/referralInput.ts';
import { createReferral, ReferralInputError } from '../../../panels/referrals/referralStore.ts';
import type { Services } from '../../../services.ts';
import { HttpError, notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { type FormBody, readFormBody } from '../registers/formBody.ts';
import { rawReferralOf, referralFormView } from './referralForm.ts';

/*
 * The referral form. Made from a screening (`?screening=ID`, the screening's author only: anyone else gets "not
 * found"), it starts with the screening's route and reasons; the person is typed here, as a screening holds no
 * identity. A problem re-shows the form with every value kept and nothing saved.
 */

/** Administrators run accounts, not casework (decision 0017), as on the screening pages. */
function referrer(actor: Actor): Actor {
  if (actor.role === 'administrator') throw new HttpError(403, 'FORBIDDEN', 'Administrators do not make referrals');
  return actor;
}

const Query = z.object({ screening: z.coerce.number().int().positive().optional() });
const Reasons = z.array(z.object({ text: z.string() })).catch([]);

interface Prefill {
  body: FormBody;
  screening: { when: string; level: string; score: number } | null;
}

async function fromScreening(services: Services, actor: Actor, id: number | undefined): Promise<Prefill> {
  if (id === undefined) return { body: {}, screening: null };
  const s = await services.db.selectFrom('screening').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s || s.completed_by !== actor.id) throw notFound('Screening');
  const reasons = Reasons.parse(s.reasons).map((r) => r.text);
  const body: FormBody = {
    screeningId: String(s.id),
    panelId: s.confirmed_route === 'mash' ? 'mash' : '',
    reason: `Screening: ${s.level} risk, score ${s.score}.${reasons.length ? ` ${reasons.join('; ')}.` : ''}`,
    sex: ['female', 'male', 'not-known'].includes(s.sex) ? s.sex : '',
  };
  const when = new Date(s.created_at).toISOString().slice(0, 10);
  return { body, screening: { when, level: s.level, score: s.score } };
}

async function sendForm(
  services: Services,
  reply: FastifyReply,
  body: FormBody,
  problems: readonly ReferralProblem[],
  screening: Prefill['screening'],
) {
  const panels = await services.panels();
  return reply.status(problems.length > 0 ? 400 : 200).view('pages/referrals/new.njk', {
    title: 'Make a referral',
    errorTitle: problems.length > 0,
    form: referralFormView(panels, body, problems),
    screening,
  });
}

export function newReferralPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/referrals/new', async (request, reply) => {
      const actor = referrer(requireActor(request));
      const { screening } = parseWith(Query, request.query);
      const prefill = await fromScreening(services, actor, screening);
      return sendForm(services, reply, prefill.body, [], prefill.screening);
    });

    app.post('/referrals/new', async (request, reply) => {
      const actor = referrer(requireActor(request));
      const body = readFormBody(request.body);
      await services.panels();
      try {
        const made = await createReferral(
          services.db,
          await services.caseKeys(),
          actor,
          rawReferralOf(body),
          services.now(),
        );
        return reply.redirect(`/referrals/${made.id}?made=1`, 303);
      } catch (error) {
        if (!(error instanceof ReferralInputError)) throw error;
        const id = Number(body.screeningId) || undefined;
        const prefill = id ? await fromScreening(services, actor, id).catch(() => null) : null;
        return sendForm(services, reply, body, error.problems, prefill?.screening ?? null);
      }
    });
  };
}
