import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { NarrativeError } from '../../../reports/narrative/markdown.ts';
import { checkNarrative } from '../../../reports/narrative/renderNarrative.ts';
import { narrativeHtml } from '../../../reports/render/html/narrative.ts';
import { figureOffers } from '../../../reports/template/figureOffers.ts';
import { PlaceholderError } from '../../../reports/template/placeholders.ts';
import { templateBlocks } from '../../../reports/template/templateSchema.ts';
import { refusal, ReportError } from '../../../reports/workflow/reportPolicy.ts';
import type { ReportDetail } from '../../../reports/workflow/reportQueries.ts';
import { getReport, saveNarrative } from '../../../reports/workflow/reportStore.ts';
import type { Services } from '../../../services.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { factsOf, httpErrorOf, liveBuild, orHttpError, sentence, statusOf, templateOf } from './reportContext.ts';
import { progressText, type PageError } from './reportPage.ts';
import { EditBody, ReportParams } from './schema.ts';

/** Browsers send a textarea's line breaks as CRLF; the narrative is stored with LF. */
const lf = (text: string) => text.replace(/\r\n?/g, '\n');

/** The report for editing: refused (403, or 409 when not a draft) before any form is shown or saved. */
async function editable(services: Services, actor: Actor, id: number): Promise<ReportDetail> {
  const detail = await orHttpError(() => getReport(services.db, actor, id));
  const refused = refusal(actor, 'edit', factsOf(detail));
  if (refused) throw httpErrorOf(refused);
  return detail;
}

async function sendEditPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  detail: ReportDetail,
  options: { values?: Record<string, string>; errors?: PageError[]; status?: number; note?: string } = {},
) {
  const actor = requireActor(request);
  const template = await templateOf(detail);
  const job = await liveBuild(services, actor, detail, 'internal', request.ip);
  const built = new Map(
    (job.report?.sections ?? []).flatMap((s) => s.blocks.filter((b) => b.kind === 'narrative').map((b) => [b.id, b])),
  );
  const errors = options.errors ?? [];
  const blocks = templateBlocks(template).flatMap(({ section, block }) =>
    block.kind === 'narrative'
      ? [
          {
            id: block.id,
            label: `${section.title}: ${block.id}`,
            value: options.values?.[block.id] ?? detail.current.narrative[block.id] ?? block.markdown,
            error: errors.find((e) => e.href === `#text-${block.id}`)?.text,
            preview: built.has(block.id) ? narrativeHtml(built.get(block.id)!) : null,
          },
        ]
      : [],
  );
  return reply.status(options.status ?? 200).view('pages/reports/edit.njk', {
    title: `Edit: ${detail.report.title}`,
    errorTitle: errors.length > 0,
    errors,
    report: detail.report,
    version: detail.current.version,
    note: options.note ?? '',
    blocks,
    build: { status: job.status, progress: progressText(job) },
  });
}

/** Editing the narrative: one textarea per narrative block beside its current preview; each save is a version. */
export function reportEditRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/reports/:id/edit', async (request, reply) => {
      const { id } = parseWith(ReportParams, request.params);
      return sendEditPage(services, request, reply, await editable(services, requireActor(request), id));
    });

    app.post('/reports/:id/edit', async (request, reply) => {
      const actor = requireActor(request);
      const { id } = parseWith(ReportParams, request.params);
      const { _csrf, basedOn, note, ...fields } = parseWith(EditBody, request.body);
      const detail = await editable(services, actor, id);
      const template = await templateOf(detail);
      const offers = figureOffers(template);
      const values: Record<string, string> = {};
      const changed: Record<string, string> = {};
      const errors: PageError[] = [];
      for (const { block } of templateBlocks(template)) {
        const given = fields[`text-${block.id}`];
        if (block.kind !== 'narrative' || given === undefined) continue;
        const text = lf(given);
        values[block.id] = text;
        if (text === (detail.current.narrative[block.id] ?? block.markdown)) continue;
        changed[block.id] = text;
        // Placeholders and Markdown are checked before anything is saved, each problem named by its block.
        try {
          checkNarrative(block.id, text, offers);
        } catch (error) {
          if (!(error instanceof PlaceholderError || error instanceof NarrativeError)) throw error;
          errors.push({ href: `#text-${block.id}`, text: sentence(error.message) });
        }
      }
      if (errors.length === 0 && Object.keys(changed).length === 0)
        errors.push({ href: '#main-content', text: 'You have not changed any text: there is nothing to save' });
      if (errors.length > 0)
        return sendEditPage(services, request, reply, detail, { values, errors, status: 400, note });
      try {
        await saveNarrative(
          services.db,
          actor,
          id,
          { blocks: changed, note, basedOn, blockIds: templateBlocks(template).map((b) => b.block.id) },
          services.now(),
        );
      } catch (error) {
        if (!(error instanceof ReportError)) throw error;
        const problem = [{ href: '#main-content', text: sentence(error.message) }];
        return sendEditPage(services, request, reply, detail, {
          values,
          errors: problem,
          status: statusOf(error),
          note,
        });
      }
      return reply.redirect(`/reports/${id}`, 303);
    });
  };
}
