import ExcelJS from 'exceljs';
import { csvLine } from '../../domain/csv/csvLine.ts';
import { flattenItems, type PlanDetail } from './planDetail.ts';

/*
 * Safer's own plan template, CSV or XLSX, the same layout in both so one reader takes either (import/
 * parsePlanTemplate.ts): four lines naming the plan (title, kind, owner agency, period), a blank line, then one row
 * per item under the header below, sub-items after their parent and naming its number. A theme without items is a
 * row with only its number and title. The XLSX adds a README sheet that explains every column.
 */

export const TEMPLATE_PLAN_FIELDS = ['plan_title', 'plan_kind', 'plan_owner_agency', 'plan_period'] as const;

export const TEMPLATE_COLUMNS = [
  'theme_number',
  'theme_title',
  'item_number',
  'parent_item_number',
  'kind',
  'category',
  'wording',
  'owner_person',
  'owner_agency',
  'due_date',
  'status',
  'status_reason',
  'update',
] as const;
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

/** The sheet of the XLSX that holds the plan (the first sheet; README is the second). */
export const TEMPLATE_SHEET = 'Plan';

export type TemplatePlan = Pick<PlanDetail, 'title' | 'kind' | 'ownerAgency' | 'period' | 'themes'>;

/** The plan's lines, a blank line and the table (header first), as text cells. */
export function planTemplateRows(plan: TemplatePlan): string[][] {
  const rows: string[][] = [
    ['plan_title', plan.title],
    ['plan_kind', plan.kind],
    ['plan_owner_agency', plan.ownerAgency ?? ''],
    ['plan_period', plan.period ?? ''],
    [],
    [...TEMPLATE_COLUMNS],
  ];
  const flat = flattenItems(plan);
  for (const theme of plan.themes) {
    const items = flat.filter((f) => f.theme === theme);
    if (items.length === 0) rows.push([theme.number ?? '', theme.title]);
    for (const { item, parent } of items)
      rows.push([
        theme.number ?? '',
        theme.title,
        item.number ?? '',
        parent?.number ?? '',
        item.kind,
        item.category,
        item.wording,
        item.ownerPerson ?? '',
        item.ownerAgency ?? '',
        item.dueOn ?? '',
        item.status?.status ?? '',
        item.status?.reason ?? '',
        item.update?.body ?? '',
      ]);
  }
  return rows;
}

export function planTemplateCsv(plan: TemplatePlan): string {
  return planTemplateRows(plan)
    .map((r) => csvLine(r))
    .join('');
}

export const TEMPLATE_README: readonly (readonly [string, string])[] = [
  ['plan_title', 'The plan’s title. A later import with the same kind and title updates this plan.'],
  ['plan_kind', 'strategy, action-plan, recommendations or vru-return.'],
  ['plan_owner_agency', 'Who owns the plan: an agency or the borough; may be empty.'],
  ['plan_period', 'The years the plan covers, e.g. 2025-2028; may be empty.'],
  ['theme_number', 'The theme’s number as written (kept as text); empty for an unnumbered theme.'],
  ['theme_title', 'The theme’s title. Every row of a theme carries the same number and title.'],
  ['item_number', 'The item’s number as written ("4", "4 a)"); empty only for unnumbered items (emerging themes).'],
  [
    'parent_item_number',
    'For a sub-item: the number of its item in the same theme (an item on an earlier row); empty otherwise.',
  ],
  ['kind', 'priority, recommendation or action (empty: action).'],
  ['category', 'core, optional, emerging or new-section (empty: core).'],
  ['wording', 'The item’s wording in force. A change becomes a new version; earlier versions stay in Safer.'],
  ['owner_person', 'Who leads the item: a name or an e-mail address (an address receives reminders).'],
  ['owner_agency', 'The lead agency’s code: police, local_authority, health, probation, youth_justice, fire, vcs.'],
  ['due_date', 'When the item is due, as YYYY-MM-DD.'],
  [
    'status',
    'not started, on track, at risk, off track, complete or dropped; empty leaves the status as it is. A status needs a reason.',
  ],
  ['status_reason', 'Why the item has this status (required with a status).'],
  ['update', 'This round’s update on the item. A changed update is added as a new dated update.'],
];

export async function planTemplateXlsx(plan: TemplatePlan): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.title = plan.title;
  const sheet = book.addWorksheet(TEMPLATE_SHEET);
  // Text cells: a number such as "1" or a date typed into the sheet keeps the text it was written as.
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({
    width: c === 'wording' || c === 'update' ? 70 : c === 'theme_title' || c === 'status_reason' ? 30 : 16,
    style: { numFmt: '@' },
  }));
  const rows = planTemplateRows(plan);
  rows.forEach((r, i) => {
    const row = sheet.addRow(r);
    // The plan's names and the header are headings; item rows wrap their long text.
    if (i < 4 || i === 5) row.font = { bold: true };
    else row.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.views = [{ state: 'frozen', ySplit: 6 }];
  const readme = book.addWorksheet('README');
  readme.columns = [{ width: 22 }, { width: 110 }];
  readme.addRow(['Safer plan template', 'Fill in one row per item on the Plan sheet and import it with:']).font = {
    bold: true,
  };
  readme.addRow(['', 'safer plans import FILE --kind plan']);
  readme.addRow([]);
  readme.addRow(['column', 'what it holds']).font = { bold: true };
  for (const [name, text] of TEMPLATE_README) readme.addRow([name, text]).alignment = { wrapText: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
