import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { agencyShortName } from '../../governance/agencyNames.ts';
import type { AnnexRow, BuiltReport, BuiltSection, DataNote } from '../../reports/builtReport.ts';
import { flattenItems, planDetail } from '../export/planDetail.ts';
import { isOverdue, statusCounts, statusFigures, themeItemsTable } from './planReportTables.ts';

/*
 * Any plan as a BuiltReport, the report engine's one document model, so the engine's own renderers print it as
 * HTML, PDF, Word and Excel (as the performance pack does): a summary with the items by status as a table and a
 * bar chart, then a section per theme with a table of its items, and a data note saying where the plan came from.
 */

export interface PlanReportOptions {
  /** The day the report speaks for, 'YYYY-MM-DD': overdue is worked out against it. */
  asOf: string;
  builtAt?: Date;
  /** The partnership's area for the cover (the CLI passes SAFER_PARTNERSHIP_AREA's); else the plan's owner. */
  area?: { code: string; name: string };
}

/** There is no such plan: the caller says so in its own words (a 404, a CLI error). */
export class PlanReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanReportError';
  }
}

const KIND_WORDS: Record<string, string> = {
  strategy: 'Strategy',
  'action-plan': 'Action plan',
  recommendations: 'Recommendations',
  'vru-return': 'VRU action-plan return',
};

/** An agency's code as boards say it ("Council", not "local_authority"); an owner written as text stays as written. */
function ownerWords(owner: string): string {
  const name = agencyShortName(owner);
  return name === owner ? owner : `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

export async function buildPlanReport(
  db: Kysely<DB>,
  planId: number,
  options: PlanReportOptions,
): Promise<BuiltReport> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf))
    throw new PlanReportError(`"${options.asOf}" is not a date (YYYY-MM-DD)`);
  const plan = await planDetail(db, planId);
  if (!plan) throw new PlanReportError(`there is no plan ${planId}`);
  const builtAt = (options.builtAt ?? new Date()).toISOString();
  const items = flattenItems(plan).map((f) => f.item);
  const overdue = items.filter((i) => isOverdue(i, options.asOf)).length;
  const summary: BuiltSection = {
    id: 'summary',
    number: '1',
    title: 'Summary',
    blocks: [
      {
        kind: 'narrative',
        id: 'summary-text',
        elements: [
          {
            kind: 'paragraph',
            content: [
              {
                kind: 'text',
                text: `${KIND_WORDS[plan.kind] ?? plan.kind}${plan.period ? ` for ${plan.period}` : ''}: ${plan.themes.length} themes and ${items.length} items, round ${plan.round}. ${overdue} ${overdue === 1 ? 'item is' : 'items are'} overdue on ${options.asOf}.`,
              },
            ],
          },
        ],
      },
      ...statusFigures(items, { table: 'Table 1', figure: 'Figure 1' }),
    ],
  };
  const themeSections: BuiltSection[] = plan.themes.map((theme, i) => {
    const label = theme.number === null ? theme.title : `Theme ${theme.number}: ${theme.title}`;
    return {
      id: `theme-${i + 1}`,
      number: String(i + 2),
      title: label,
      blocks: [
        {
          kind: 'figure',
          id: `theme-${i + 1}-items`,
          label: `Table ${i + 2}`,
          title: `${label}: items`,
          chart: null,
          table: themeItemsTable(theme, `${label}: items`, options.asOf),
          statement: null,
          notes: [1],
          unavailable: theme.items.length === 0 ? 'this theme has no items yet' : null,
          suppressedCells: 0,
        },
      ],
    };
  });
  const sections = [summary, ...themeSections];
  const synthetic = /SYNTHETIC/.test(plan.title);
  const note: DataNote = {
    number: 1,
    usedBy: sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'figure' ? [b.label] : []))),
    source: plan.lastImport
      ? `Imported from ${plan.lastImport.fileName} (round ${plan.lastImport.round}, ${plan.lastImport.importedAt.slice(0, 10)})`
      : `Entered in Safer${plan.sourceFileName ? ` from ${plan.sourceFileName}` : ''}`,
    extractDates: plan.lastImport ? [plan.lastImport.importedAt.slice(0, 10)] : [],
    definition: `${KIND_WORDS[plan.kind] ?? plan.kind} "${plan.title}", round ${plan.round}`,
    definitionVersion: plan.round,
    method: `Each item's wording in force, its owner and due date, its latest status with the reason given, and its latest dated update, as stored when the report was built (${builtAt.slice(0, 10)}); overdue is worked out for ${options.asOf}. Items without a status count as not started; overdue means past the due date and neither complete nor dropped.`,
    caveats: synthetic ? ['This plan is SYNTHETIC, written for the demonstration: it is no partnership’s plan.'] : [],
  };
  // The engine's workbook is the annex: the status counts, then one row per item with its status, owner, due date
  // and latest update (a working spreadsheet of the plan is the template, safer plans template).
  const row = (r: Pick<AnnexRow, 'figure' | 'block' | 'group' | 'count' | 'shown' | 'method'>): AnnexRow => ({
    ...r,
    rate: null,
    lower: null,
    upper: null,
    definition: `plan ${plan.id}`,
    definitionVersion: plan.round,
    source: note.source,
    extractDate: note.extractDates[0] ?? null,
  });
  const annex: AnnexRow[] = [
    ...statusCounts(items).map((c) =>
      row({
        figure: 'Table 1',
        block: 'plan-status-table',
        group: c.status,
        count: c.count,
        shown: String(c.count),
        method: 'count of items whose latest status is this one',
      }),
    ),
    ...plan.themes.flatMap((theme, i) =>
      themeItemsTable(theme, '', options.asOf).rows.map(([number, wording, owner, due, status, update]) =>
        row({
          figure: `Table ${i + 2}`,
          block: `theme-${i + 1}-items`,
          group: `${number}${number === '' ? '' : ': '}${wording}`,
          count: null,
          shown: String(status),
          method: [owner && `owner: ${owner}`, due && `due: ${due}`, update && `latest update: ${update}`]
            .filter((x) => x)
            .join('; '),
        }),
      ),
    ),
  ];
  return {
    title: plan.title,
    subtitle: `${KIND_WORDS[plan.kind] ?? plan.kind}${plan.ownerAgency ? `, ${ownerWords(plan.ownerAgency)}` : ''}: progress as of ${options.asOf}`,
    templateId: 'plan',
    templateVersion: 1,
    area: options.area ?? { code: `plan ${plan.id}`, name: plan.ownerAgency ?? 'the partnership' },
    period: plan.period ?? '',
    compare: null,
    edition: 'internal',
    marking: 'OFFICIAL',
    builtAt,
    asOf: {},
    extracts: {},
    sections,
    notes: [note],
    annex,
    attribution: [],
  };
}

/** A file name people can read: plan-3-violence-reduction-plan.pdf. */
export function planReportFileName(report: BuiltReport, planId: number, format: string): string {
  const slug = report.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `plan-${planId}-${slug}.${format}`;
}
