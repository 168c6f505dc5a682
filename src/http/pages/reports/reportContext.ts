import type { Actor } from '../../../auth/policy.ts';
import { dataVersion } from '../../../release/dataVersion.ts';
import { readerReportAnalyser } from '../../../release/reportAnalysers.ts';
import { accessKey } from '../../../release/sourceAccess.ts';
import type { Edition } from '../../../reports/builtReport.ts';
import { buildReport } from '../../../reports/build/buildReport.ts';
import { reportPorts } from '../../../reports/build/databasePorts.ts';
import { type BuildJob, buildJobKey } from '../../../reports/jobs/buildJobs.ts';
import { provisionReportPort } from '../../../registers/provision/provisionReport.ts';
import { provisionVersion } from '../../../registers/provision/provisionService.ts';
import { findTemplate, loadTemplates } from '../../../reports/template/loadTemplates.ts';
import type { ReportTemplate } from '../../../reports/template/templateSchema.ts';
import type { ReportErrorCode } from '../../../reports/workflow/reportPolicy.ts';
import { ReportError, type ReportFacts } from '../../../reports/workflow/reportPolicy.ts';
import type { ReportDetail } from '../../../reports/workflow/reportQueries.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';

/*
 * What every reports page shares: the templates, the people named in a report's history, the report's live build
 * (a job in services.reportJobs) and how a workflow refusal becomes an HTTP answer.
 */

let templates: Promise<ReportTemplate[]> | null = null;
/** Templates are versioned files: read once per process, like the definitions. */
export function reportTemplates(): Promise<ReportTemplate[]> {
  templates ??= loadTemplates();
  templates.catch(() => {
    templates = null;
  });
  return templates;
}

/** The template (and version) a report was made from. */
export async function templateOf(detail: ReportDetail): Promise<ReportTemplate> {
  return findTemplate(await reportTemplates(), detail.report.templateId, detail.report.templateVersion);
}

/** What the policy needs to decide on a report as the page read it. */
export const factsOf = (detail: ReportDetail): ReportFacts => ({
  id: detail.report.id,
  status: detail.report.status,
  latestVersionBy: detail.current.changedBy,
});

const STATUS: Record<ReportErrorCode, number> = { FORBIDDEN: 403, INVALID_STATE: 409, NOT_FOUND: 404, VALIDATION: 400 };
export const statusOf = (error: ReportError): number => STATUS[error.code];

/** A workflow refusal as the error page shows it (the message starts with a capital, as GOV.UK messages do). */
export const httpErrorOf = (error: ReportError): HttpError =>
  new HttpError(statusOf(error), error.code, sentence(error.message));

export const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Runs a page's work, turning a workflow refusal into its HTTP error. */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReportError) throw httpErrorOf(error);
    throw error;
  }
}

/** Email addresses of the people a page names (authors, commenters, who moved the report on). */
export async function peopleNamed(services: Services, ids: Iterable<number>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await services.db.selectFrom('app_user').select(['id', 'email']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.email]));
}

/** Area names by code, for the list and the report page. */
export async function areaNames(services: Services, codes: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const rows = await services.db.selectFrom('area').select(['code', 'name']).where('code', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * The report's current version built live for this reader and edition: the job already running or finished for
 * the same version, access scope, edition and data, or a new one. Figures come through readerReportAnalyser, so
 * the build shows the reader exactly what a page or download would.
 */
export async function liveBuild(
  services: Services,
  actor: Actor,
  detail: ReportDetail,
  edition: Edition,
  ip: string,
): Promise<BuildJob> {
  const key = await keyFor(services, actor, detail, edition);
  const existing = services.reportJobs.get(key);
  if (existing) return existing;
  const template = await templateOf(detail);
  const definitions = await services.definitions();
  const registers = await services.registers();
  const { report, current } = detail;
  return services.reportJobs.start(key, (progress) =>
    buildReport(
      {
        template,
        area: report.areaCode,
        period: report.period,
        compare: report.compare,
        edition,
        narrative: current.narrative,
      },
      {
        ...reportPorts(services.db, definitions),
        analyse: readerReportAnalyser(services, actor, edition, ip),
        provision: provisionReportPort(
          services.db,
          registers,
          services.config.partnershipArea,
          { actor },
          services.now().toISOString().slice(0, 10),
        ),
        progress,
      },
    ),
  );
}

/** Forgets a failed live build, so that the next view starts again. */
export async function forgetBuild(services: Services, actor: Actor, detail: ReportDetail, edition: Edition) {
  services.reportJobs.forget(await keyFor(services, actor, detail, edition));
}

const keyFor = async (services: Services, actor: Actor, detail: ReportDetail, edition: Edition) =>
  buildJobKey({
    reportId: detail.report.id,
    version: detail.current.version,
    scope: accessKey(actor),
    edition,
    // The provision section reads the services register, which changes without an import.
    dataVersion: `${await dataVersion(services.db)}|p${await provisionVersion(services.db)}`,
  });
