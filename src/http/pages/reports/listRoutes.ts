import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../auth/policy.ts';
import { PeriodParseError, parsePeriod } from '../../../domain/periods/parsePeriod.ts';
import { templateBlocks } from '../../../reports/template/templateSchema.ts';
import { roleRefusal } from '../../../reports/workflow/reportPolicy.ts';
import { createReport, listReports } from '../../../reports/workflow/reportStore.ts';
import type { Services } from '../../../services.ts';
import { requireActor } from '../../guards.ts';
import { areaNames, httpErrorOf, orHttpError, reportTemplates } from './reportContext.ts';
import { NewReportBody } from './schema.ts';
import { statusTag } from './statusWords.ts';

interface FieldError {
  field: string;
  text: string;
}

/** Refuses, as a 403 page, anyone whose role may never do this. */
function allowRole(actor: Actor, action: 'read' | 'create'): void {
  const refused = roleRefusal(actor, action);
  if (refused) throw httpErrorOf(refused);
}

/** The reports list and the "create a report" form. */
export function reportListRoutes(services: Services) {
  const boroughs = () =>
    services.db.selectFrom('area').select(['code', 'name']).where('type', '=', 'borough').orderBy('name').execute();

  async function newPage(values: Record<string, string>, errors: FieldError[] = []) {
    const templates = await reportTemplates();
    const latest = templates.filter((t, i) => templates[i + 1]?.id !== t.id);
    const chosen = values.template ?? latest[0]?.id;
    const area = values.area ?? services.config.partnershipArea;
    return {
      title: 'Create a report',
      errorTitle: errors.length > 0,
      errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
      errorOf: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
      values,
      templateItems: latest.map((t) => ({
        value: t.id,
        text: `${t.title} (version ${t.version})`,
        hint: { text: `${t.description} ${templateBlocks(t).length} blocks.` },
        checked: t.id === chosen,
      })),
      areaItems: (await boroughs()).map((b) => ({ value: b.code, text: b.name, selected: b.code === area })),
    };
  }

  return async function routes(app: FastifyInstance) {
    app.get('/reports', async (request, reply) => {
      const actor = requireActor(request);
      const reports = await orHttpError(() => listReports(services.db, actor));
      const names = await areaNames(
        services,
        reports.map((r) => r.areaCode),
      );
      return reply.view('pages/reports/list.njk', {
        title: 'Reports',
        mayCreate: roleRefusal(actor, 'create') === null,
        reports: reports.map((r) => ({
          ...r,
          areaName: names.get(r.areaCode) ?? r.areaCode,
          tag: statusTag(r.status),
          agency: r.owningAgency.replaceAll('_', ' '),
        })),
      });
    });

    app.get('/reports/new', async (request, reply) => {
      allowRole(requireActor(request), 'create');
      return reply.view('pages/reports/new.njk', await newPage({}));
    });

    app.post('/reports/new', async (request, reply) => {
      const actor = requireActor(request);
      allowRole(actor, 'create');
      const raw = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      );
      const parsed = NewReportBody.safeParse(raw);
      // Every field is checked, not only up to the first problem, so the summary lists all of them at once.
      const errors: FieldError[] = parsed.success
        ? []
        : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'template'), text: i.message }));
      const given = (field: string) => (errors.some((e) => e.field === field) ? '' : (raw[field] ?? '').trim());
      const templates = await reportTemplates();
      const template = templates.findLast((t) => t.id === given('template'));
      if (given('template') !== '' && !template) errors.push({ field: 'template', text: 'Choose a template' });
      const area = (await boroughs()).find((b) => b.code === given('area'));
      if (given('area') !== '' && !area) errors.push({ field: 'area', text: 'Choose a London borough' });
      for (const field of ['period', 'compare'] as const) {
        const problem = given(field) === '' ? null : periodProblem(given(field), field);
        if (problem) errors.push(problem);
      }
      if (!parsed.success || !template || !area || errors.length > 0) {
        const order = ['template', 'area', 'period', 'compare', 'title'];
        errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
        return reply.status(400).view('pages/reports/new.njk', await newPage(raw, errors));
      }
      const { title, period: periodText, compare: compareText } = parsed.data;
      const created = await orHttpError(() =>
        createReport(
          services.db,
          actor,
          {
            title: title || `${template.title}: ${area.name}, ${periodText}`,
            templateId: template.id,
            templateVersion: template.version,
            areaCode: area.code,
            period: periodText,
            compare: compareText === '' ? null : compareText,
            blockIds: templateBlocks(template).map((b) => b.block.id),
          },
          services.now(),
        ),
      );
      return reply.redirect(`/reports/${created.id}`, 303);
    });
  };
}

/** Why a period label does not read, in words for the error summary; null when it reads. */
function periodProblem(text: string, field: 'period' | 'compare'): FieldError | null {
  try {
    parsePeriod(text);
    return null;
  } catch (error) {
    if (!(error instanceof PeriodParseError)) throw error;
    const what = field === 'period' ? 'The period' : 'The comparison period';
    return {
      field,
      text: `${what} must be a financial year like 2024/25, a calendar year like 2024 or a range of months`,
    };
  }
}
