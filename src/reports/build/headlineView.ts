import { figuresOf, type AnalysisResult } from '../../analysis/analysisResult.ts';
import type { AnalysisRequestInput } from '../../analysis/request.ts';
import type { ChartTable } from '../../charts/chart.ts';
import { formatCount, formatRate } from '../../charts/svg.ts';
import { headlineSentence } from '../../domain/narrative/headlineSentence.ts';
import { resultChart } from '../../figureViews/resultChart.ts';
import type { ReportPlace, ViewOutput } from './reportPorts.ts';

const SUPPRESSED = 'suppressed';
const countText = (n: number | null | undefined, suppressed: boolean) =>
  suppressed ? SUPPRESSED : n === null || n === undefined ? 'not available' : formatCount(n);
const rateText = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatRate(n));

/**
 * A headline figure: the count, the rate with its interval, the change on the comparison period and the
 * benchmarks, as a table and a sentence; a bar chart of the rate beside its benchmarks when there is a rate.
 */
export async function headlineView(
  id: string,
  input: AnalysisRequestInput,
  place: ReportPlace,
  analyse: (input: AnalysisRequestInput) => Promise<AnalysisResult>,
): Promise<ViewOutput> {
  const result = await analyse({ ...input, by: 'none', ...(place.compare ? { compare: place.compare } : {}) });
  const f = figuresOf(result, 'headline')[0];
  if (!f) throw new Error(`figure ${id}: the engine returned no headline figure`);
  const suppressed = f.suppressed === true;
  const noun = result.definition.counts;
  const per = f.multiplier ? `per ${formatCount(f.multiplier)} residents` : null;
  const rows: (string | number)[][] = [[`${capital(noun)}, ${place.period}`, countText(f.count, suppressed), '', '']];
  if (f.rate !== null && per) rows.push([`Rate ${per}`, rateText(f.rate), rateText(f.lower), rateText(f.upper)]);
  const change = f.compare ?? null;
  if (change) {
    rows.push([`${capital(noun)}, ${change.period}`, countText(change.count, change.suppressed === true), '', '']);
    rows.push([`Change on ${change.period}`, change.percentChangeText, '', '']);
  }
  const benchmarks = (f.benchmarks ?? []).filter((b) => typeof b.rate === 'number');
  for (const b of benchmarks)
    rows.push([`Rate in ${b.area}: ${place.area.name} is ${b.at95.direction}`, rateText(b.rate), '', '']);
  const table: ChartTable = {
    caption: `${subjectName(result)}, ${place.area.name}, ${place.period}`,
    head: ['Measure', 'Value', 'Lower 95% limit', 'Upper 95% limit'],
    rows,
    numeric: [false, true, true, true],
  };
  const count = countText(f.count, suppressed);
  const interval =
    f.lower !== null && f.upper !== null
      ? ` (95% confidence interval ${rateText(f.lower)} to ${rateText(f.upper)})`
      : '';
  const rate = f.rate !== null && per ? `, ${rateText(f.rate)} ${per}${interval}` : '';
  const first = benchmarks[0];
  const subject = subjectName(result);
  // The change and the benchmark in the words the dashboard overview uses (src/domain/narrative).
  const comparable = change && change.change !== null && typeof change.count === 'number' ? change.count : null;
  const more =
    f.count !== null && (comparable !== null || first)
      ? ` ${headlineSentence({
          subject,
          count: f.count,
          previousCount: comparable,
          comparedWith: change?.period ?? null,
          benchmark: first ? { direction: first.at95.direction, label: first.area } : null,
        })}`
      : '';
  const statement = `${subject}: ${count} ${noun} in ${place.area.name} in ${place.period}${rate}.${more}`;
  return {
    chart:
      f.rate !== null && benchmarks.length > 0
        ? resultChart(result, 'none', place.area.name, place.period, `fig-${id}`)
        : null,
    table,
    statement,
    facts: {
      count,
      rate: rateText(f.rate) || 'not available',
      lower: rateText(f.lower) || 'not available',
      upper: rateText(f.upper) || 'not available',
      change: change?.percentChangeText ?? 'not available',
      compareCount: change ? countText(change.count, change.suppressed === true) : 'not available',
      benchmark: first ? `${rateText(first.rate)} in ${first.area}` : 'not available',
      // The rate's denominator: the residents the rate is per (Census 2021 for boroughs).
      population: f.denominator === null ? 'not available' : formatCount(f.denominator),
      sentence: statement,
    },
    results: [result],
  };
}

/** What a figure counts, as a sentence starts it: a category's own name rather than 'category "Robbery"'. */
export const subjectName = (result: AnalysisResult): string =>
  /^category "(.*)"$/.exec(result.definition.name)?.[1] ?? result.definition.name;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
