import type { ChartTable } from '../../charts/chart.ts';
import { formatPercentChange } from '../../domain/change/change.ts';
import type { BaselineTable } from './baselineTable.ts';
import type { ChangeNote, CrimeTable, CrimeTableRow, YearInfo } from './crimeTable.ts';

/*
 * The crime tables as a report prints them (src/charts/chart.ts ChartTable), column heads as seed 004 writes
 * them. Counts stay numbers (the XLSX annex keeps them as numbers); what is not given is said in words.
 */

export const NOT_HELD = 'not held';

const CHANGE_TEXT: Record<ChangeNote, string> = {
  'previous year is 0': 'n/a',
  'partial year': 'partial year',
  'no data for the comparison year': 'no data',
};

/** 'Offences 2016/17 (3 of 12 months)' when a year is partial, so no reader takes a part year for a whole one. */
const yearHead = (prefix: string, y: YearInfo) =>
  `${prefix} ${y.label}${y.partial ? ` (${y.monthsHeld.length} of ${y.monthsExpected} months)` : ''}`;

const changeText = (value: number | null, note: ChangeNote | null) =>
  note !== null ? CHANGE_TEXT[note] : formatPercentChange(value);

const rateText = (rate: number | null, held: boolean) =>
  !held ? NOT_HELD : rate === null ? 'n/a' : `${rate.toFixed(1)}%`;

const pointsText = (points: number | null, held: boolean) =>
  !held
    ? NOT_HELD
    : points === null
      ? 'n/a'
      : `${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points).toFixed(1)}`;

function labels(row: CrimeTableRow): [string, string] {
  if (row.kind === 'total') return ['Total Notifiable Offences (TNO)', ''];
  if (row.kind === 'major') return [row.major, 'Subtotal'];
  return [row.major, row.minor ?? ''];
}

/** The financial-year crime table: one line per category, major subtotals and TNO, with the SD columns. */
export function crimeTableToChartTable(table: CrimeTable): ChartTable {
  const { current: now, previous: before } = table;
  const held = table.sanctionDetections.held;
  const head = [
    'Major Classification',
    'Minor Classification',
    yearHead('Offences', now),
    yearHead('Offences', before),
    `% change on ${before.label}`,
    `Sanction Detection ${now.label}`,
    `Sanction Detection ${before.label}`,
    `SD rate ${now.label}`,
    `SD rate ${before.label}`,
    `% point change on ${before.label}`,
  ];
  const rows = table.rows.map((r) => [
    ...labels(r),
    r.offences.current,
    r.offences.previous ?? 'no data',
    changeText(r.percentChange, r.changeNote),
    held ? (r.sanctionDetections.current ?? 'n/a') : NOT_HELD,
    held ? (r.sanctionDetections.previous ?? 'n/a') : NOT_HELD,
    rateText(r.sdRate.current, held),
    rateText(r.sdRate.previous, held),
    pointsText(r.sdRatePointChange, held),
  ]);
  const caption =
    `${now.label} financial year crime figures for ${table.area.name} against ${before.label} ` +
    `(MPS borough counts, ${table.classification === 'mps_old' ? 'old Major/Minor' : 'Home Office aligned'} classification` +
    `${table.asOf ? `, as of ${table.asOf}` : ''})` +
    (held ? '' : `; sanction detections ${table.sanctionDetections.reason}`);
  return { caption, head, rows, numeric: head.map((_, i) => i >= 2) };
}

/** The target-against-baseline table: the basket's lines, its total, and the target with its status. */
export function baselineTableToChartTable(table: BaselineTable): ChartTable {
  const { currentLabel: now, baselineLabel: base } = table;
  const head = [
    'Major Classification',
    'Minor Classification',
    `Offences ${now}`,
    `Offences ${base}`,
    `% change on ${base}`,
    'Target',
  ];
  const status = table.assessment ? table.assessment.status : `not assessed (${CHANGE_TEXT[table.assessmentNote!]})`;
  const rows = table.rows.map((r) => [
    r.major,
    r.minor ?? 'all',
    r.current,
    r.baseline,
    changeText(r.percentChange, r.changeNote),
    '',
  ]);
  rows.push([
    'Total',
    '',
    table.total.current,
    table.total.baseline,
    changeText(table.total.percentChange, table.total.changeNote),
    `at most ${Math.floor(table.target.value)}: ${status}`,
  ]);
  const caption = `${now} performance for ${table.area.name} against the baseline year ${base}: target ${table.target.description}`;
  return { caption, head, rows, numeric: head.map((_, i) => i >= 2 && i <= 4) };
}
