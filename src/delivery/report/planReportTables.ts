import { barChart } from '../../charts/barChart.ts';
import type { ChartTable } from '../../charts/chart.ts';
import type { PlanItemStatus } from '../../db/tables/delivery.ts';
import type { FigureBlock } from '../../reports/builtReport.ts';
import { flattenItems, type ItemDetail, type ThemeDetail } from '../export/planDetail.ts';

/*
 * The plan report's tables, pure: per theme, one row per item (sub-items after their parent) with its number,
 * wording, owner, due date, status and latest update; and the count of items by status, as a table and a bar chart.
 */

/** Every status in the order a board reads them; "not started" also stands for items never given a status. */
export const STATUS_ORDER: readonly PlanItemStatus[] = [
  'not started',
  'on track',
  'at risk',
  'off track',
  'complete',
  'dropped',
];

export const statusOf = (i: ItemDetail): PlanItemStatus => i.status?.status ?? 'not started';

/** Past its due date and not closed (complete or dropped) on the day given. */
export const isOverdue = (i: ItemDetail, asOf: string) =>
  i.dueOn !== null && i.dueOn < asOf && statusOf(i) !== 'complete' && statusOf(i) !== 'dropped';

const owner = (i: ItemDetail) => [i.ownerPerson, i.ownerAgency?.replace('_', ' ')].filter((x) => x).join(', ');

export function themeItemsTable(theme: ThemeDetail, caption: string, asOf: string): ChartTable {
  const rows = flattenItems({ themes: [theme] }).map(({ item, depth }) => [
    item.number ?? '',
    `${depth > 0 ? '– '.repeat(depth) : ''}${item.wording}${item.category === 'optional' ? ' (optional)' : item.category === 'emerging' ? ' (emerging theme)' : ''}`,
    owner(item),
    item.dueOn === null ? '' : `${item.dueOn}${isOverdue(item, asOf) ? ' (overdue)' : ''}`,
    item.status === null ? 'not started' : `${item.status.status}: ${item.status.reason}`,
    item.update === null ? '' : `${item.update.onDate}: ${item.update.body}`,
  ]);
  return {
    caption,
    head: ['Number', 'Wording', 'Owner', 'Due', 'Status', 'Latest update'],
    rows,
    numeric: [false, false, false, false, false, false],
  };
}

export function statusCounts(items: readonly ItemDetail[]): { status: PlanItemStatus; count: number }[] {
  return STATUS_ORDER.map((status) => ({ status, count: items.filter((i) => statusOf(i) === status).length }));
}

const figure = (
  id: string,
  label: string,
  title: string,
  table: ChartTable,
  rest: Partial<FigureBlock>,
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

/** The status table and the same counts as a bar chart. */
export function statusFigures(items: readonly ItemDetail[], labels: { table: string; figure: string }): FigureBlock[] {
  const counts = statusCounts(items);
  const total = items.length;
  const share = (n: number) => (total === 0 ? '0%' : `${Math.round((n / total) * 100)}%`);
  const table: ChartTable = {
    caption: 'Items by status',
    head: ['Status', 'Items', 'Share'],
    rows: [
      ...counts.map((c) => [c.status, c.count, share(c.count)]),
      ['All items', total, total === 0 ? '0%' : '100%'],
    ],
    numeric: [false, true, true],
  };
  const chart = barChart({
    id: 'plan-status-bars',
    title: 'Items by status',
    bars: counts.map((c) => ({ label: c.status, value: c.count, valueText: String(c.count) })),
    categoryHeading: 'Status',
    valueHeading: 'Items',
    format: (n) => String(Math.round(n)),
  });
  return [
    figure('plan-status-table', labels.table, 'Items by status', table, {}),
    figure('plan-status-chart', labels.figure, 'Items by status', chart.table, { chart }),
  ];
}
