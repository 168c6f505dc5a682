import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  checkAbout,
  checkAnswers,
  type FieldError,
  type ScreeningInput,
} from '../../../panels/screening/checkScreening.ts';
import { scoreScreening } from '../../../panels/screening/score.ts';
import { completeScreening, ScreeningError } from '../../../panels/screening/screeningStore.ts';
import type { ScreeningTool } from '../../../panels/screening/toolSchema.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { refuseAdministrator } from './refuseAdministrator.ts';
import { aboutControls, errorListOf, formGroups, hiddenFields, inputOf, routeControls } from './screeningForm.ts';
import { resultView } from './resultView.ts';

/*
 * GET/POST /screening/new?tool=ID, in two steps without JavaScript: the questions (one page, each group a
 * fieldset), then the result with its reasons and the route to confirm or override, which carries the answers
 * as hidden fields. Only the second step writes, and only all of it (completeScreening).
 */

const ToolQuery = z.object({
  tool: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'a screening tool id')
    .max(100),
});
const ROUTE_FIELDS = new Set(['confirmedRoute', 'overrideReason']);

export function newScreeningPage(services: Services) {
  return async function routes(app: FastifyInstance) {
    const toolOf = async (query: unknown): Promise<ScreeningTool> => {
      const { tool: id } = parseWith(ToolQuery, query ?? {});
      const tool = (await services.screeningTools()).get(id);
      if (!tool) throw notFound('Screening tool');
      return tool;
    };

    const questions = (
      reply: FastifyReply,
      tool: ScreeningTool,
      input: ScreeningInput | null,
      errors: readonly FieldError[],
    ) =>
      reply.status(errors.length ? 400 : 200).view('pages/screening/new.njk', {
        title: tool.title,
        errorTitle: errors.length > 0,
        tool,
        action: `/screening/new?tool=${tool.id}`,
        groups: formGroups(tool, input, errors),
        about: aboutControls(tool, input, errors),
        errorList: errorListOf(tool, errors),
      });

    const confirm = (
      reply: FastifyReply,
      tool: ScreeningTool,
      input: ScreeningInput,
      errors: readonly FieldError[],
    ) => {
      const about = checkAbout(tool, input).about;
      const result = scoreScreening(tool, input.answers, about?.ageBand ?? 'not known');
      return reply.status(errors.length ? 400 : 200).view('pages/screening/confirm.njk', {
        title: `Result: ${tool.title}`,
        errorTitle: errors.length > 0,
        tool,
        action: `/screening/new?tool=${tool.id}`,
        ...resultView(result, tool),
        hidden: hiddenFields(input),
        route: routeControls(result, input, errors),
        overrideReason: input.overrideReason ?? '',
        overrideError: errors.find((e) => e.field === 'overrideReason')?.message,
        errorList: errorListOf(tool, errors),
      });
    };

    app.get('/screening/new', async (request, reply) => {
      refuseAdministrator(requireActor(request));
      return questions(reply, await toolOf(request.query), null, []);
    });

    app.post('/screening/new', async (request, reply) => {
      const actor = refuseAdministrator(requireActor(request));
      const tool = await toolOf(request.query);
      const input = inputOf(tool, request.body);
      const errors = [...checkAnswers(tool, input.answers), ...checkAbout(tool, input).errors];
      if (errors.length) return questions(reply, tool, input, errors);
      const step = (request.body as Record<string, unknown> | undefined)?.step;
      if (step !== 'confirm') return confirm(reply, tool, { ...input, confirmedRoute: '', overrideReason: '' }, []);
      try {
        const done = await completeScreening(services.db, await services.caseKeys(), actor, input, services.now());
        return reply.redirect(`/screening/${done.id}?saved=1`, 303);
      } catch (error) {
        if (!(error instanceof ScreeningError)) throw error;
        if (error.errors.every((e) => ROUTE_FIELDS.has(e.field))) return confirm(reply, tool, input, error.errors);
        return questions(reply, tool, input, error.errors);
      }
    });
  };
}
