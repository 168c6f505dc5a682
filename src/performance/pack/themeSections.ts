import type { ChartTable } from '../../charts/chart.ts';
import { smallMultiples } from '../../charts/smallMultiples.ts';
import type { BuiltSection, FigureBlock } from '../../reports/builtReport.ts';
import type { ScorecardRow } from '../values/scorecard.ts';
import {
  DIRECTION_WORDS,
  formatDifference,
  formatValue,
  STATISTICAL_WORDS,
  TARGET_WORDS,
  targetWords,
} from './packWords.ts';

/*
 * The pack's theme sections in seed 004's layout: per indicator its lead agency and subgroup, the last four
 * periods, the difference and direction of travel, the target, both RAGs in words side by side, and the lead
 * agency's commentary; then one sparkline per indicator. Columns are the periods of the theme's first indicator
 * type, so indicators of other period types say their own period in the cell.
 */

export type Numbering = { table: () => string; figure: () => string };

const cellText = (row: ScorecardRow, i: number) => {
  const cell = row.cells[i];
  if (cell === undefined || cell.point === null)
    return cell?.missing === 'no accepted return' ? 'not returned' : 'no data';
  const v = formatValue(row.indicator, cell.point.value);
  return `${v}${cell.point.partial ? ' (partial)' : ''}${cell.point.synthetic ? ' (SYNTHETIC)' : ''}`;
};

/** The periods most of the theme's indicators share: the table's column heads. */
export function sharedPeriods(rows: readonly ScorecardRow[]): string[] {
  const counts = new Map<string, { n: number; labels: string[] }>();
  for (const r of rows) {
    const labels = r.cells.map((c) => c.periodLabel);
    const key = labels.join('|');
    counts.set(key, { n: (counts.get(key)?.n ?? 0) + 1, labels });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.labels ?? [];
}

export function themeTable(title: string, rows: readonly ScorecardRow[]): ChartTable {
  // A row of another period type than the heads names its own period in each cell.
  const head = sharedPeriods(rows);
  return {
    caption: title,
    head: [
      'Indicator',
      'Lead agency (subgroup)',
      ...head,
      'Difference',
      'Direction of travel',
      'Target',
      'Target RAG',
      'Statistical RAG',
      'Commentary',
    ],
    rows: rows.map((r) => [
      r.indicator.name,
      `${r.indicator.leadAgency.replace('_', ' ')} (${r.indicator.subgroup})`,
      ...head.map((label, i) => {
        const own = r.cells[i]?.periodLabel;
        return own === undefined ? '' : own === label ? cellText(r, i) : `${own}: ${cellText(r, i)}`;
      }),
      differenceText(r),
      DIRECTION_WORDS[r.assessment.direction.state],
      targetWords(r.assessment.target),
      TARGET_WORDS[r.assessment.target.state],
      STATISTICAL_WORDS[r.assessment.statistical.state],
      r.commentary,
    ]),
    numeric: [false, false, ...head.map(() => true), true, false, false, false, false, false],
  };
}

/** The difference, naming the two periods when the latest value is not the last column's (not yet returned). */
function differenceText(r: ScorecardRow): string {
  const text = formatDifference(r.indicator, r.assessment.direction);
  const { latest, previous } = r.assessment;
  if (text === '' || latest === null || previous === null || r.cells.at(-1)?.point != null) return text;
  return `${text}, ${latest.periodLabel} against ${previous.periodLabel}`;
}

const figure = (
  id: string,
  label: string,
  title: string,
  table: ChartTable,
  rest: Partial<FigureBlock> = {},
): FigureBlock => ({
  kind: 'figure',
  id,
  label,
  title,
  chart: null,
  table,
  statement: null,
  notes: [1],
  unavailable: null,
  suppressedCells: 0,
  ...rest,
});

export function themeSection(
  number: string,
  theme: { id: string; name: string },
  rows: readonly ScorecardRow[],
  n: Numbering,
): BuiltSection {
  const tableTitle = `${theme.name}: indicators`;
  const lines = rows.map((r) => ({
    label: r.indicator.name,
    values: r.cells.map((c) => (c.point === null || c.point.partial ? null : c.point.value)),
    shown: r.cells.map((c) => (c.point === null ? '' : formatValue(r.indicator, c.point.value))),
  }));
  const chart = smallMultiples({
    id: `pack-${theme.id}-sparklines`,
    title: `${theme.name}: each indicator's last four periods`,
    periods: ['oldest', 'latest'],
    rows: lines,
  });
  return {
    id: theme.id,
    number,
    title: theme.name,
    blocks: [
      figure(`${theme.id}-table`, n.table(), tableTitle, themeTable(tableTitle, rows)),
      figure(`${theme.id}-sparklines`, n.figure(), chart.title, chart.table, { chart }),
    ],
  };
}

export function exceptionsSection(
  rows: readonly ScorecardRow[],
  themeNames: ReadonlyMap<string, string>,
  late: readonly { agencyName: string; dueOn: string; status: string }[],
  n: Numbering,
): BuiltSection {
  const exceptions = rows.filter((r) => r.exception);
  const red = rows.filter((r) => r.assessment.target.state === 'red').length;
  const worse = rows.filter((r) => r.assessment.statistical.state === 'significantly worse').length;
  const sentence = `${red} indicator${red === 1 ? ' is' : 's are'} red against ${red === 1 ? 'its' : 'their'} target, ${worse} ${worse === 1 ? 'is' : 'are'} significantly worse than the period before, and ${late.length} return${late.length === 1 ? ' is' : 's are'} late.`;
  const table: ChartTable = {
    caption: 'Exceptions: red against target or significantly worse',
    head: ['Indicator', 'Theme', 'Lead agency', 'Latest', 'Target RAG', 'Statistical RAG', 'Commentary'],
    rows: exceptions.map((r) => [
      r.indicator.name,
      themeNames.get(r.indicator.theme) ?? r.indicator.theme,
      r.indicator.leadAgency.replace('_', ' '),
      r.assessment.latest === null ? '' : formatValue(r.indicator, r.assessment.latest.value),
      TARGET_WORDS[r.assessment.target.state],
      STATISTICAL_WORDS[r.assessment.statistical.state],
      r.commentary,
    ]),
    numeric: [false, false, false, true, false, false, false],
  };
  const lateTable: ChartTable = {
    caption: 'Late returns',
    head: ['Agency', 'Due', 'Status'],
    rows: late.map((l) => [l.agencyName, l.dueOn, l.status.replace('_', ' ')]),
    numeric: [false, false, false],
  };
  return {
    id: 'exceptions',
    number: '1',
    title: 'Summary of exceptions',
    blocks: [
      {
        kind: 'narrative',
        id: 'exceptions-summary',
        elements: [{ kind: 'paragraph', content: [{ kind: 'text', text: sentence }] }],
      },
      figure('exceptions-table', n.table(), table.caption, table),
      figure('late-returns', n.table(), lateTable.caption, lateTable),
    ],
  };
}
