import type { AnalysisResult } from '../analysis/analysisResult.ts';
import type { Chart } from '../charts/chart.ts';
import { heatMap, type HeatCell } from '../charts/heatMap.ts';
import { formatCount } from '../charts/svg.ts';

/** ISO weekdays, as the partner-record aggregates number them (1 = Monday). */
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
export const SUPPRESSED = 'suppressed (small count)';

/** Hour × weekday cells (a combination with no figure had no records: 0) and the records with no time of day. */
export function hourWeekday(result: AnalysisResult): { cells: HeatCell[]; noTime: number | null } {
  const byKey = new Map(result.figures.map((f) => [f.group.weekdayHour ?? '', f]));
  const cells = WEEKDAYS.flatMap((row, d) =>
    HOURS.map((column, h): HeatCell => {
      const f = byKey.get(`${d + 1} ${h}`);
      return f && f.count === null
        ? { row, column, value: null, missing: SUPPRESSED }
        : { row, column, value: f?.count ?? 0 };
    }),
  );
  const unknown = result.figures.filter((f) => f.group.weekdayHour?.endsWith(' unknown'));
  return {
    cells,
    noTime: unknown.some((f) => f.count === null) ? null : unknown.reduce((a, f) => a + (f.count ?? 0), 0),
  };
}

function heatDescription(cells: HeatCell[], noTime: number | null, counts: string): string {
  const known = cells.filter((c) => c.value !== null);
  if (known.length === 0) return `No ${counts} with a time of day.`;
  const top = known.reduce((a, c) => ((c.value as number) > (a.value as number) ? c : a));
  const byDay = WEEKDAYS.map((d) => ({
    d,
    n: known.filter((c) => c.row === d).reduce((a, c) => a + (c.value as number), 0),
  }));
  const busiestDay = byDay.reduce((a, b) => (b.n > a.n ? b : a));
  return (
    `${capitalise(counts)} by hour of the day and day of the week. The busiest hour is ${top.row} ${top.column}:00 to ${top.column}:59 with ${formatCount(top.value)}; the busiest day is ${busiestDay.d} with ${formatCount(busiestDay.n)}.` +
    (noTime ? ` ${formatCount(noTime)} ${counts} have no time of day and are not in the grid.` : '')
  );
}

/** The hour × weekday heat map of an 'hour-weekday' result, as the Time page and reports draw it. */
export function hourWeekdayMap(
  id: string,
  title: string,
  cells: HeatCell[],
  noTime: number | null,
  counts: string,
): Chart {
  return heatMap({
    id,
    title,
    description: heatDescription(cells, noTime, counts),
    rows: WEEKDAYS,
    columns: HOURS,
    cells,
    rowLabel: 'Day of the week',
    columnLabel: 'Hour of the day (00 = midnight to 00:59)',
    columnLabelEvery: 3,
  });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
