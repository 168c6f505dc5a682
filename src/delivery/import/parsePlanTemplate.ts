import { AGENCY_KINDS } from '../../auth/policy.ts';
import type { PlanItemCategory, PlanItemKind, PlanItemStatus, PlanKind } from '../../db/tables/delivery.ts';
import { TEMPLATE_COLUMNS, TEMPLATE_PLAN_FIELDS, type TemplateColumn } from '../export/planTemplate.ts';
import { PLAN_ITEM_STATUSES } from '../planStore.ts';
import { type ParsedItem, type ParsedPlan, type ParsedTheme, PlanImportError } from './parsedPlan.ts';

/*
 * Safer's plan template (export/planTemplate.ts) read back into the parsed plan every importer returns, so
 * importPlan stores it with the same later-round matching. Pure. Every problem in the file is collected and
 * reported together, each with its place and column, and nothing is imported while any remains.
 */

export interface TemplateRow {
  /** The 1-based line (CSV) or row (XLSX) the row starts on. */
  line: number;
  /** The place in words: "line 7" or 'sheet "Plan", row 7'. */
  at: string;
  cells: string[];
}

export interface TemplateProblem {
  at: string;
  column: string | null;
  message: string;
}

/** The template has problems: each names its line (or sheet row) and column. Nothing was imported. */
export class PlanTemplateError extends PlanImportError {
  constructor(
    file: string,
    readonly problems: TemplateProblem[],
  ) {
    super(file, null, '');
    this.name = 'PlanTemplateError';
    this.message = problems
      .map((p) => `${file}, ${p.at}${p.column === null ? '' : `, column ${p.column}`}: ${p.message}`)
      .join('\n');
  }
}

const PLAN_KINDS: readonly PlanKind[] = ['strategy', 'action-plan', 'recommendations', 'vru-return'];
const ITEM_KINDS: readonly PlanItemKind[] = ['priority', 'recommendation', 'action'];
const CATEGORIES: readonly PlanItemCategory[] = ['core', 'optional', 'emerging', 'new-section'];
const oneOf = (list: readonly string[]) => list.join(', ');
const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
const isDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** Where an item sits, to find a parent by number and refuse a number used twice among siblings. */
interface Placed {
  item: ParsedItem;
  theme: ParsedTheme;
  parent: ParsedItem | null;
  at: string;
}

export function parsePlanTemplate(rows: readonly TemplateRow[], file: string): ParsedPlan {
  const problems: TemplateProblem[] = [];
  const problem = (at: string, column: string | null, message: string) => problems.push({ at, column, message });
  const firstCell = (r: TemplateRow) => (r.cells[0] ?? '').replace(/^\uFEFF/, '').trim();
  const isField = (r: TemplateRow) => (TEMPLATE_PLAN_FIELDS as readonly string[]).includes(firstCell(r));
  // The plan's lines come first; the first other row that is not blank is the table's header.
  const headerIndex = rows.findIndex((r) => !blank(r.cells) && !isField(r));
  const header = rows[headerIndex];
  if (header === undefined) {
    problem(
      rows.at(-1)?.at ?? 'line 1',
      null,
      `no table: after the plan's lines comes a header ${oneOf(TEMPLATE_COLUMNS)}`,
    );
    throw new PlanTemplateError(file, problems);
  }
  const fields = new Map<string, { value: string; at: string }>();
  for (const r of rows.slice(0, headerIndex))
    if (isField(r)) fields.set(firstCell(r), { value: (r.cells[1] ?? '').trim(), at: r.at });
  const names = header.cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  const wrong = names.filter((n) => n !== '' && !(TEMPLATE_COLUMNS as readonly string[]).includes(n));
  const missing = TEMPLATE_COLUMNS.filter((c) => !names.includes(c));
  if (wrong.length > 0 || missing.length > 0) {
    const said = [
      wrong.length > 0 ? `unknown ${wrong.map((w) => `"${w}"`).join(', ')}` : '',
      missing.length > 0 ? `missing ${missing.join(', ')}` : '',
    ];
    problem(header.at, null, `the header must be ${oneOf(TEMPLATE_COLUMNS)}: ${said.filter((x) => x).join('; ')}`);
    throw new PlanTemplateError(file, problems);
  }
  const title = fields.get('plan_title');
  if (!title?.value)
    problem(title?.at ?? rows[0]?.at ?? 'line 1', null, 'plan_title is missing: give the plan a title');
  const kindField = fields.get('plan_kind');
  const kind = (kindField?.value || 'action-plan') as PlanKind;
  if (!PLAN_KINDS.includes(kind))
    problem(kindField?.at ?? header.at, null, `plan_kind "${kind}" is not one of ${oneOf(PLAN_KINDS)}`);
  // Free text: a VRU return names its borough ("Tower Hamlets"), a strategy its lead agency.
  const ownerAgency = fields.get('plan_owner_agency')?.value || null;

  const themes: ParsedTheme[] = [];
  const placed: Placed[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    if (blank(row.cells)) continue;
    // Line breaks as Safer keeps them (\n), whichever a spreadsheet or editor wrote.
    const cell = (c: TemplateColumn) => (row.cells[names.indexOf(c)] ?? '').replace(/\r\n?/g, '\n').trim();
    const bad = (c: TemplateColumn, message: string) => problem(row.at, c, message);
    const themeTitle = cell('theme_title');
    const themeNumber = cell('theme_number') || null;
    if (themeTitle === '') {
      bad('theme_title', 'every row needs its theme title');
      continue;
    }
    let theme = themes.find((t) =>
      themeNumber !== null ? t.number === themeNumber : t.number === null && t.title === themeTitle,
    );
    if (theme && theme.title !== themeTitle) {
      bad('theme_title', `theme ${themeNumber} is called "${theme.title}" on line ${theme.line}; one theme, one title`);
      continue;
    }
    if (!theme) {
      theme = { line: row.line, number: themeNumber, title: themeTitle, description: '', items: [] };
      themes.push(theme);
    }
    const itemCells = TEMPLATE_COLUMNS.slice(2).map(cell);
    if (blank(itemCells)) continue; // a theme without items
    const itemKind = (cell('kind') || 'action') as PlanItemKind;
    if (!ITEM_KINDS.includes(itemKind)) bad('kind', `"${itemKind}" is not a kind of item: use ${oneOf(ITEM_KINDS)}`);
    const category = (cell('category') || 'core') as PlanItemCategory;
    if (!CATEGORIES.includes(category)) bad('category', `"${category}" is not a category: use ${oneOf(CATEGORIES)}`);
    const wording = cell('wording');
    if (wording === '') bad('wording', 'an item needs its wording');
    const dueOn = cell('due_date') || null;
    if (dueOn !== null && !isDate(dueOn)) bad('due_date', `"${dueOn}" is not a date: write it as YYYY-MM-DD`);
    const agency = cell('owner_agency') || null;
    if (agency !== null && !(AGENCY_KINDS as readonly string[]).includes(agency))
      bad('owner_agency', `"${agency}" is not an agency: use ${oneOf(AGENCY_KINDS)}`);
    const status = cell('status');
    const reason = cell('status_reason');
    if (status !== '' && !(PLAN_ITEM_STATUSES as readonly string[]).includes(status))
      bad('status', `"${status}" is not a status: use ${oneOf(PLAN_ITEM_STATUSES)}`);
    else if (status !== '' && reason === '') bad('status_reason', `the status "${status}" needs a reason`);
    else if (status === '' && reason !== '') bad('status', 'a reason is given without a status');
    const number = cell('item_number') || null;
    const parentNumber = cell('parent_item_number') || null;
    let parent: Placed | undefined;
    if (parentNumber !== null) {
      parent = placed.findLast((p) => p.theme === theme && p.item.number === parentNumber);
      if (!parent)
        bad('parent_item_number', `there is no item ${parentNumber} in theme "${themeTitle}" on an earlier row`);
    }
    const parentItem = parent?.item ?? null;
    const twin =
      number === null
        ? undefined
        : placed.find(
            (p) =>
              p.theme === theme && p.parent === parentItem && p.item.category === category && p.item.number === number,
          );
    // Recommendations lists repeat numbers as written (seed 000 has two 12s); elsewhere a repeat is a typing slip.
    if (twin && kind !== 'recommendations')
      bad(
        'item_number',
        `item ${number} is already on ${twin.at} in theme "${themeTitle}": give each item its own number`,
      );
    const item: ParsedItem = {
      line: row.line,
      number,
      kind: itemKind,
      category,
      wording,
      oldWording: null,
      update: cell('update'),
      owner: { person: cell('owner_person') || null, agency, dueOn },
      status: status === '' ? null : { status: status as PlanItemStatus, reason },
      children: [],
    };
    (parentItem ? parentItem.children : theme.items).push(item);
    placed.push({ item, theme, parent: parentItem, at: row.at });
  }
  if (problems.length > 0) throw new PlanTemplateError(file, problems);
  return {
    kind,
    title: title?.value ?? '',
    ownerAgency,
    period: fields.get('plan_period')?.value || null,
    themes,
    unplaced: [],
  };
}
