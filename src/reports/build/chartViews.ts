import { AnalysisError, type Figure } from '../../analysis/figure.ts';
import type { AnalysisResult } from '../../analysis/analysisResult.ts';
import type { AnalysisRequestInput, Dimension } from '../../analysis/request.ts';
import type { Chart, ChartTable } from '../../charts/chart.ts';
import { funnelPlot } from '../../charts/funnelPlot.ts';
import { formatCount, formatRate } from '../../charts/svg.ts';
import { addMonths } from '../../domain/periods/month.ts';
import { parsePeriod } from '../../domain/periods/parsePeriod.ts';
import { areaChoropleth, matchingShapes } from '../../figureViews/areaMaps.ts';
import { hourWeekday, hourWeekdayMap } from '../../figureViews/hourWeekday.ts';
import { figureLabel, resultChart } from '../../figureViews/resultChart.ts';
import type { FigureBlockTemplate } from '../template/templateSchema.ts';
import type { ReportPlace, ReportPorts, ViewOutput } from './reportPorts.ts';

type Analyse = (input: AnalysisRequestInput) => Promise<AnalysisResult>;
type ChartBlock = Exclude<FigureBlockTemplate, { view: 'headline' } | { view: 'comparison' } | { view: 'provision' }>;

const cell = (n: number | null | undefined, f: Figure, format: (n: number) => string) =>
  f.suppressed === true ? 'suppressed' : n === null || n === undefined ? '' : format(n);

/** Every figure of a result as table rows: group, count, rate and its limits. */
export function figureTable(result: AnalysisResult, caption: string, groupHeading: string): ChartTable {
  const withRate = result.figures.some((f) => f.rate !== null);
  const share = result.figures.every((f) => f.multiplier === null);
  const rate = (n: number) => (share ? `${(n * 100).toFixed(1)}%` : formatRate(n));
  return {
    caption,
    head: [
      groupHeading,
      'Count',
      ...(withRate ? [share ? 'Share' : 'Rate', 'Lower 95% limit', 'Upper 95% limit'] : []),
    ],
    rows: result.figures.map((f) => [
      figureLabel(f),
      cell(f.count, f, formatCount),
      ...(withRate ? [cell(f.rate, f, rate), cell(f.lower, f, rate), cell(f.upper, f, rate)] : []),
    ]),
    numeric: [false, true, ...(withRate ? [true, true, true] : [])],
  };
}

/** The trend's period: `months` whole months ending where the report's period ends. */
export function trendPeriod(period: string, months: number): string {
  const end = parsePeriod(period).end;
  return `${addMonths(end, -(months - 1))}..${end}`;
}

const BY_VIEW: Record<Exclude<ChartBlock['view'], 'table' | 'profile' | 'map'>, Dimension> = {
  trend: 'month',
  ranking: 'rank',
  funnel: 'rank',
  heatmap: 'hour-weekday',
};

/** Trend, table, ranking, profile, map, funnel and heat map blocks: one analysis each, drawn as the dashboard draws it. */
export async function chartView(
  block: ChartBlock,
  input: AnalysisRequestInput,
  place: ReportPlace,
  analyse: Analyse,
  ports: Pick<ReportPorts, 'shapes'>,
): Promise<ViewOutput> {
  const by: Dimension =
    block.view === 'table' || block.view === 'profile'
      ? block.by
      : block.view === 'map'
        ? block.level
        : BY_VIEW[block.view];
  const period = block.view === 'trend' ? trendPeriod(place.period, block.months) : place.period;
  const result = await analyse({ ...input, period, by });
  const id = `fig-${block.id}`;
  const table = figureTable(result, `${result.definition.name}, ${place.area.name}, ${period}`, groupHeading(by));
  const chart = await drawing(block, result, id, place, period, ports);
  return {
    chart,
    table: chart?.table ?? table,
    statement: null,
    facts: { sentence: chart?.description ?? '' },
    results: [result],
  };
}

async function drawing(
  block: ChartBlock,
  result: AnalysisResult,
  id: string,
  place: ReportPlace,
  period: string,
  ports: Pick<ReportPorts, 'shapes'>,
): Promise<Chart | null> {
  const subject = `${result.definition.name}, ${place.area.name}, ${period}`;
  switch (block.view) {
    case 'table':
      return null;
    case 'trend':
      return resultChart(result, 'month', place.area.name, period, id);
    case 'ranking':
      return resultChart(result, 'rank', 'London boroughs', period, id);
    case 'profile':
      return resultChart(result, block.by, place.area.name, period, id);
    case 'heatmap': {
      const { cells, noTime } = hourWeekday(result);
      return hourWeekdayMap(
        id,
        `${result.definition.name} by hour and day of the week, ${place.area.name}, ${period}`,
        cells,
        noTime,
        result.definition.counts,
      );
    }
    case 'map': {
      const sets = await ports.shapes(place.area.code, block.level);
      const match = matchingShapes(sets, result.figures, block.level);
      if (!match) {
        // e.g. records that carry no LSOA (grouped as "unknown"): a map of nothing would mislead, so say why.
        const unknown = result.figures.filter((f) => f.group[block.level] === 'unknown').length > 0;
        throw new AnalysisError(
          'NO_DATA',
          `no ${block.level === 'lsoa' ? 'LSOA' : 'ward'} of these figures matches the boundaries held${unknown ? `: the records give no ${block.level === 'lsoa' ? 'LSOA' : 'ward'}` : ''}`,
        );
      }
      const measure = result.figures.some((f) => f.rate !== null) ? 'rate' : 'count';
      return areaChoropleth(
        {
          id,
          level: block.level,
          measure,
          subject,
          noun: result.definition.counts,
          figures: result.figures,
          shapeSets: sets,
          overlayDeciles: block.deprivation && block.level === 'lsoa' ? 2 : 0,
          hrefFor: () => '',
        },
        match.set,
      );
    }
    case 'funnel':
      return funnel(result, id, place, period);
  }
}

function funnel(result: AnalysisResult, id: string, place: ReportPlace, period: string): Chart | null {
  const points = result.figures
    .filter((f) => f.count !== null && f.denominator !== null && f.rate !== null && f.multiplier !== null)
    .map((f) => ({
      code: f.group.borough ?? figureLabel(f),
      name: figureLabel(f),
      count: f.count as number,
      denominator: f.denominator as number,
      rate: f.rate as number,
      highlighted: f.group.borough === place.area.code,
    }));
  const multiplier = result.figures.find((f) => f.multiplier !== null)?.multiplier ?? 1000;
  const count = points.reduce((a, p) => a + p.count, 0);
  const people = points.reduce((a, p) => a + p.denominator, 0);
  if (points.length < 3 || people === 0) return null;
  return funnelPlot({
    id,
    title: `${result.definition.name}: London boroughs' rates against their populations, ${period}`,
    valueLabel: `${result.definition.counts} per ${formatCount(multiplier)} residents`,
    multiplier,
    points,
    benchmark: { rate: (count / people) * multiplier, label: 'London' },
  });
}

function groupHeading(by: Dimension): string {
  return by === 'rank'
    ? 'Borough'
    : by === 'month'
      ? 'Month'
      : by.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
