import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANALYSIS_ERROR_STATUS } from '../../../api/v1/analysisRoute.ts';
import { recordAuditAlone } from '../../../../audit/auditTogether.ts';
import { mayExportFigures } from '../../../../release/sourceAccess.ts';
import type { Services } from '../../../../services.ts';
import { HttpError } from '../../../errors.ts';
import { allow, requireActor } from '../../../guards.ts';
import { csvBody, pngFromSvg, svgFile, xlsxBuffer } from './downloadFiles.ts';
import { explorerView, type ExplorerView } from './explorerView.ts';
import { exportNotes } from './exportNotes.ts';
import { flatTable } from './figureRows.ts';

type Format = 'csv' | 'xlsx' | 'svg' | 'png';

/** A download's file name: what, where, when and how broken down, in safe characters. */
function fileName(view: ExplorerView, ext: string): string {
  const what = view.input.definition ?? view.input.category ?? 'figures';
  const slug = [what, view.page.filters.area.code, view.input.period, view.by]
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `safer-${slug.slice(0, 120)}.${ext}`;
}

/**
 * One download: only for roles the export rules allow (403 otherwise, before
 * any figure is computed), figures always released under the owner's
 * disclosure rule, and recorded in the audit log before a byte leaves.
 */
async function prepare(
  services: Services,
  request: FastifyRequest,
  format: Format,
): Promise<ExplorerView & { result: NonNullable<ExplorerView['result']> }> {
  const actor = requireActor(request);
  allow(mayExportFigures(actor));
  const view = await explorerView(services, request, 'export');
  if (view.problem || !view.result) {
    const problem = view.problem ?? { code: 'NO_DATA' as const, message: 'no figures' };
    throw new HttpError(
      ANALYSIS_ERROR_STATUS[problem.code],
      problem.code,
      `This figure cannot be produced: ${problem.message}`,
    );
  }
  if ((format === 'svg' || format === 'png') && !view.chart)
    throw new HttpError(404, 'NO_CHART', 'There is no chart for this query');
  await recordAuditAlone(
    services.db,
    {
      action: 'export',
      actor: { userId: actor.id, email: actor.email, agency: actor.agency },
      subjectType: 'analysis',
      subjectId: view.input.definition ?? view.input.category ?? '',
      ip: request.ip,
      details: {
        format,
        via: 'explorer',
        query: view.params,
        source: view.release?.source ?? null,
        classification: view.release?.classification ?? null,
        disclosure: view.release?.rule?.id ?? null,
        suppressed: view.release?.suppressedFigures ?? 0,
        rows: view.result.figures.length,
      },
    },
    services.now(),
  );
  return view as ExplorerView & { result: NonNullable<ExplorerView['result']> };
}

const attachment = (reply: FastifyReply, type: string, name: string) =>
  reply.type(type).header('Content-Disposition', `attachment; filename="${name}"`);

export function explorerDownloadRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    const notesFor = async (
      view: ExplorerView & { result: NonNullable<ExplorerView['result']> },
      request: FastifyRequest,
    ) =>
      exportNotes(
        view.result,
        view.release,
        await services.definitions(),
        view.input,
        `${request.protocol}://${request.host}${view.permalinkPath}`,
        services.now(),
      );

    app.get('/explorer/download.csv', async (request, reply) => {
      const view = await prepare(services, request, 'csv');
      const body = csvBody(flatTable(view.result, view.release?.rule?.symbol), await notesFor(view, request));
      return attachment(reply, 'text/csv; charset=utf-8', fileName(view, 'csv')).send(body);
    });

    app.get('/explorer/download.xlsx', async (request, reply) => {
      const view = await prepare(services, request, 'xlsx');
      const title = `${view.result.definition.name}, ${view.page.filters.area.name}, ${view.input.period}`;
      const buffer = await xlsxBuffer(
        flatTable(view.result, view.release?.rule?.symbol),
        await notesFor(view, request),
        title,
        view.result.vintage.synthetic,
      );
      return attachment(
        reply,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName(view, 'xlsx'),
      ).send(buffer);
    });

    app.get('/explorer/chart.svg', async (request, reply) => {
      const view = await prepare(services, request, 'svg');
      return attachment(reply, 'image/svg+xml; charset=utf-8', fileName(view, 'svg')).send(svgFile(view.chart!.svg));
    });

    app.get('/explorer/chart.png', async (request, reply) => {
      const view = await prepare(services, request, 'png');
      return attachment(reply, 'image/png', fileName(view, 'png')).send(pngFromSvg(view.chart!.svg));
    });
  };
}
