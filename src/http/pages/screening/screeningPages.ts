import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AGE_BANDS, type AgeBand } from '../../../domain/panels/demographics.ts';
import { scoreScreening } from '../../../panels/screening/score.ts';
import { questionsOf } from '../../../panels/screening/toolSchema.ts';
import { recentScreenings, readScreening } from '../../../panels/screening/screeningQueries.ts';
import { storedTool } from '../../../panels/screening/toolSet.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { requireActor } from '../../guards.ts';
import { refuseAdministrator } from './refuseAdministrator.ts';
import { LEVEL_TAG, LEVEL_WORDS, ROUTE_WORDS } from './screeningForm.ts';
import { resultView } from './resultView.ts';

/*
 * GET /screening: the tools to start, and the agency's recent screenings (date, level, route; nothing that
 * identifies anyone). GET /screening/:id: one screening, to its author and the MASH only (else "not found"), with
 * "Make a referral" for its author when the route confirmed is the MASH or a panel.
 */

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const bandOf = (band: string): AgeBand =>
  (AGE_BANDS as readonly string[]).includes(band) ? (band as AgeBand) : 'not known';
const REFERRED_ROUTES = new Set(['mash', 'panel']);

export function screeningPages(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/screening', async (request, reply) => {
      const actor = refuseAdministrator(requireActor(request));
      const tools = (await services.screeningTools()).all;
      const recent = await recentScreenings(services.db, actor);
      return reply.view('pages/screening/index.njk', {
        title: 'Screening',
        tools: tools.map((t) => ({
          id: t.id,
          title: t.title,
          intro: t.intro,
          version: t.version,
          questions: questionsOf(t).length,
        })),
        rows: recent.map((s) => [
          { text: s.createdAt.toISOString().slice(0, 10) },
          { html: `<strong class="govuk-tag ${LEVEL_TAG[s.level]}">${LEVEL_WORDS[s.level]}</strong>` },
          { text: ROUTE_WORDS[s.confirmedRoute] },
          s.mine
            ? {
                html: `<a class="govuk-link" href="/screening/${s.id}">View<span class="govuk-visually-hidden"> screening ${s.id}</span></a>`,
              }
            : { text: '' },
        ]),
      });
    });

    app.get('/screening/:id', async (request, reply) => {
      const actor = refuseAdministrator(requireActor(request));
      const parsed = IdParams.safeParse(request.params);
      if (!parsed.success) throw notFound('Screening');
      const s = await readScreening(services.db, actor, parsed.data.id, services.now());
      if (!s) throw notFound('Screening');
      const tool = await storedTool(services.db, s.toolId, s.toolVersion);
      const mine = s.completedBy === actor.id;
      return reply.view('pages/screening/result.njk', {
        title: `Screening ${s.id}`,
        screening: s,
        saved: (request.query as Record<string, unknown> | undefined)?.saved === '1',
        toolTitle: tool?.title ?? s.toolId,
        // Reasons in another shape (written by something other than completeScreening): from the answers again.
        ...resultView(
          { ...s, reasons: s.reasons ?? (tool ? scoreScreening(tool, s.answers, bandOf(s.ageBand)).reasons : []) },
          tool,
        ),
        confirmed: ROUTE_WORDS[s.confirmedRoute],
        overridden: s.confirmedRoute !== s.recommendedRoute,
        facts: [
          { key: { text: 'Completed' }, value: { text: s.createdAt.toISOString().slice(0, 16).replace('T', ' ') } },
          {
            key: { text: 'Setting' },
            value: { text: tool?.settings.find((x) => x.id === s.setting)?.label ?? s.setting },
          },
          { key: { text: 'Age band' }, value: { text: s.ageBand } },
          { key: { text: 'Sex' }, value: { text: s.sex } },
        ],
        referHref: mine && REFERRED_ROUTES.has(s.confirmedRoute) ? `/referrals/new?screening=${s.id}` : null,
      });
    });
  };
}
