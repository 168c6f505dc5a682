import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { mayExportFigures } from '../../../release/sourceAccess.ts';
import type { Edition } from '../../../reports/builtReport.ts';
import type { BuildJob } from '../../../reports/jobs/buildJobs.ts';
import { reportBodyHtml } from '../../../reports/render/html.ts';
import { REPORT_FORMATS } from '../../../reports/render/renderFormats.ts';
import { templateBlocks } from '../../../reports/template/templateSchema.ts';
import { refusal, type ReportAction } from '../../../reports/workflow/reportPolicy.ts';
import type { ReportDetail } from '../../../reports/workflow/reportQueries.ts';
import { getReport, recommendationsOf } from '../../../reports/workflow/reportStore.ts';
import type { Services } from '../../../services.ts';
import { requireActor } from '../../guards.ts';
import { areaNames, factsOf, liveBuild, orHttpError, peopleNamed, templateOf } from './reportContext.ts';
import { reportStatusTag, transitionWords } from './statusWords.ts';

/** An error shown in the page's error summary, linked to the field (or form) it is about. */
export interface PageError {
  href: string;
  text: string;
}

const FORMAT_WORDS = {
  html: 'web page (HTML)',
  pdf: 'PDF',
  docx: 'Word (DOCX)',
  xlsx: 'spreadsheet of figures (XLSX)',
};

/** What the progress line says while a build runs: "Building: 7 of 19 figures, current: vap-trend". */
export function progressText(job: BuildJob): string {
  if (job.total === 0) return 'Building: starting';
  return `Building: ${job.done} of ${job.total} figures${job.block ? `, current: ${job.block}` : ''}`;
}

/** The report page: status, history, what this reader may do, comments per block and the live preview. */
export async function sendReportPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { id: number; edition?: Edition; refresh?: boolean; status?: number; errors?: PageError[] },
) {
  const actor = requireActor(request);
  const detail = await orHttpError(() => getReport(services.db, actor, options.id));
  const edition = options.edition ?? 'internal';
  const job = await liveBuild(services, actor, detail, edition, request.ip);
  const errors = options.errors ?? [];
  return reply.status(options.status ?? 200).view('pages/reports/report.njk', {
    title: detail.report.title,
    errorTitle: errors.length > 0,
    errors,
    reasonError: fieldError(errors, 'reason'),
    commentError: fieldError(errors, 'comment-body'),
    commentBlockError: fieldError(errors, 'comment-block'),
    ...(await reportContext(services, actor, detail)),
    edition,
    build: {
      status: job.status,
      progress: progressText(job),
      done: job.done,
      total: job.total,
      error: job.error,
      html: job.report ? reportBodyHtml(job.report) : null,
      // Reloading keeps the page current without JavaScript; a reader can stop it (WCAG 2.2.1).
      refresh: job.status === 'running' && options.refresh !== false,
    },
  });
}

const fieldError = (errors: PageError[], id: string) => errors.find((e) => e.href === `#${id}`)?.text;

async function reportContext(services: Services, actor: Actor, detail: ReportDetail) {
  const { report, current, comments, history } = detail;
  const template = await templateOf(detail);
  const facts = factsOf(detail);
  const may = (action: ReportAction) => refusal(actor, action, facts) === null;
  const people = await peopleNamed(services, [
    current.changedBy,
    ...history.map((h) => h.by),
    ...comments.map((c) => c.author),
  ]);
  const area = (await areaNames(services, [report.areaCode])).get(report.areaCode) ?? report.areaCode;
  const blocks = templateBlocks(template).map(({ section, block }) => ({
    id: block.id,
    text: `${section.title}: ${block.id}`,
  }));
  const byBlock = blocks
    .map((b) => ({
      ...b,
      comments: comments
        .filter((c) => c.blockId === b.id)
        .map((c) => ({ ...c, authorEmail: people.get(c.author) ?? `user ${c.author}` })),
    }))
    .filter((b) => b.comments.length > 0);
  const exportable = mayExportFigures(actor);
  // Stored at publication only: before then the narrative can still change, so there is nothing to track yet.
  const recommendations = report.status === 'published' ? await recommendationsOf(services.db, actor, report.id) : [];
  return {
    report,
    area,
    tag: reportStatusTag(report.status),
    version: current.version,
    latestBy: people.get(current.changedBy) ?? `user ${current.changedBy}`,
    latestAt: current.changedAt,
    history: history.map((h) => ({
      words: transitionWords(h.from, h.to),
      by: people.get(h.by) ?? `user ${h.by}`,
      at: h.at,
      reason: h.reason,
    })),
    may: {
      edit: may('edit'),
      comment: may('comment'),
      resolve: may('resolve'),
      submit: may('submit'),
      return: refusal(actor, 'return', facts, { reason: 'asked' }) === null,
      approve: may('approve'),
      publish: may('publish'),
    },
    // Why a partnership manager cannot approve their own words: said on the page, not discovered by trying.
    approveRefusal: report.status === 'in_review' && actor.role === 'partnership_manager' && !may('approve'),
    blockItems: blocks.map((b) => ({ value: b.id, text: b.text })),
    commentsByBlock: byBlock,
    openComments: comments.filter((c) => c.resolvedAt === null).length,
    recommendations: recommendations.map(({ number, theme, text }) => ({ number, theme, text })),
    downloads: exportable
      ? (['internal', 'public'] as const).map((edition) => ({
          edition,
          published: detail.published.includes(edition),
          links: REPORT_FORMATS.map((format) => ({
            href: `/reports/${report.id}/download/${edition}.${format}`,
            text: FORMAT_WORDS[format],
          })),
        }))
      : [],
  };
}
