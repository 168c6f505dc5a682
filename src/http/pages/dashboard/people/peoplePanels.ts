import type { Figure } from '../../../../analysis/figure.ts';
import { type AnalysisResult, figuresOf } from '../../../../analysis/analysisResult.ts';
import type { GroupRateFigure } from '../../../../analysis/figureShapes.ts';
import { barChart, type BarDatum } from '../../../../charts/barChart.ts';
import type { Chart } from '../../../../charts/chart.ts';
import { formatCount, formatPercent, formatRate } from '../../../../charts/svg.ts';
import { wilsonInterval } from '../../../../domain/stats/wilson.ts';
import type { Outcome } from './peopleFigures.ts';

/** One figure on the page: a chart, or the reason it cannot be shown (never a zero). */
export interface Panel {
  id: string;
  heading: string;
  chart: Chart | null;
  unavailable: string | null;
  /** Where the numbers come from: source, extract dates, population. */
  source: string | null;
  /** A sentence with the figure that matters most, when there is one. */
  summary: string | null;
  notes: string[];
}

/** Where the chart sits: titles carry area, period and a SYNTHETIC label so a chart copied elsewhere keeps them. */
export interface PanelPlace {
  area: string;
  period: string;
}

const AGE_LABELS: Record<string, string> = {
  '0-9': '0 to 9',
  '10-14': '10 to 14',
  '15-24': '15 to 24',
  '25-34': '25 to 34',
  '35-44': '35 to 44',
  '45-54': '45 to 54',
  '55-64': '55 to 64',
  '65+': '65 and over',
};
const ETHNICITY_LABELS: Record<string, string> = {
  asian: 'Asian',
  black: 'Black',
  mixed: 'Mixed',
  white: 'White',
  other: 'Other ethnic group',
};
const SEX_LABELS: Record<string, string> = { female: 'Female', male: 'Male', unknown: 'Not known' };

export const groupLabel = (kind: 'age' | 'ethnicity' | 'sex', value: string, role = 'person'): string =>
  (kind === 'age' ? AGE_LABELS[value] : kind === 'ethnicity' ? ETHNICITY_LABELS[value] : SEX_LABELS[value]) ??
  (value === 'none' ? `No ${role} on the record` : value);

const SYNTHETIC_WARNING = /^SYNTHETIC:/;
const ratio2 = (n: number) => n.toFixed(2);
const pct = (n: number) => formatPercent(n);

export function unavailablePanel(id: string, heading: string, reason: string): Panel {
  return {
    id,
    heading,
    chart: null,
    unavailable: `This figure cannot be produced: ${reason}.`,
    source: null,
    summary: null,
    notes: [],
  };
}

export function sourceLine(result: AnalysisResult): string {
  const v = result.vintage;
  const parts = [`${v.source}${v.synthetic ? ' (SYNTHETIC records generated for the demo, not real people)' : ''}`];
  if (v.extractDates.length)
    parts.push(`extract${v.extractDates.length > 1 ? 's' : ''} of ${v.extractDates.join(', ')}`);
  if (v.denominator) parts.push(`population: ${v.denominator}`);
  return `Source: ${parts.join('; ')}.`;
}

export function chartTitle(text: string, place: PanelPlace, result: AnalysisResult): string {
  return `${text}, ${place.area}, ${place.period}${result.vintage.synthetic ? ' (SYNTHETIC partner records)' : ''}`;
}

export function resultPanel(
  id: string,
  heading: string,
  result: AnalysisResult,
  chart: Chart | null,
  summary: string | null = null,
): Panel {
  return {
    id,
    heading,
    chart,
    unavailable: null,
    source: sourceLine(result),
    summary,
    notes: result.warnings.filter((w) => !SYNTHETIC_WARNING.test(w)).map(sentence),
  };
}

const groupOf = (f: Figure, key: string) => f.group[key] ?? Object.values(f.group)[0] ?? '';

/** Disclosure control (analyseFor) hides small counts: such a figure says so, never 0 or "no data". */
export const SUPPRESSED = 'suppressed';
export const isSuppressed = (f: Figure): boolean => f.suppressed === true;
export const countText = (f: Figure): string => (isSuppressed(f) ? SUPPRESSED : formatCount(f.count));

/** A bar for a share the engine worked out (Wilson limits), or its suppression. */
export function shareBar(f: Figure, label: string, extra: readonly (string | number)[] = [countText(f)]): BarDatum {
  return isSuppressed(f)
    ? { label, value: null, valueText: SUPPRESSED, extra }
    : { label, value: f.rate, lower: f.lower, upper: f.upper, extra };
}

/**
 * Age or ethnicity profile: each group's share of the people whose age or
 * ethnicity is known (the engine counts them per group for its rates), with
 * Wilson limits. When disclosure control has hidden a group, the total is no
 * longer known, so counts are shown instead of shares.
 */
export function shareProfilePanel(
  id: string,
  heading: string,
  outcome: Outcome,
  kind: 'age' | 'ethnicity',
  role: string,
  place: PanelPlace,
): Panel {
  if (!outcome.ok) return unavailablePanel(id, heading, outcome.reason);
  const { result } = outcome;
  const groupHeading = kind === 'age' ? 'Age group' : 'Ethnic group';
  const title = chartTitle(`${capitalise(role)}s by ${groupHeading.toLowerCase()}`, place, result);
  const label = (f: Figure) => groupLabel(kind, groupOf(f, kind));
  if (result.figures.some(isSuppressed)) {
    const chart = barChart({
      id,
      title,
      format: formatCount,
      categoryHeading: groupHeading,
      valueHeading: `${capitalise(role)}s`,
      bars: result.figures.map((f) =>
        isSuppressed(f) ? { label: label(f), value: null, valueText: SUPPRESSED } : { label: label(f), value: f.count },
      ),
    });
    return {
      ...resultPanel(id, heading, result, chart),
      summary: `Some groups are too small to publish, so the total is not known and counts are shown instead of shares.`,
    };
  }
  const total = result.figures.reduce((a, f) => a + (f.count ?? 0), 0);
  if (total === 0)
    return unavailablePanel(id, heading, `no ${role}s with a known ${kind} were recorded in ${place.period}`);
  const level = result.figures[0]?.confidence === '99.8%' ? 0.998 : 0.95;
  const bars: BarDatum[] = result.figures.map((f) => {
    const w = wilsonInterval(f.count ?? 0, total, level);
    return { label: label(f), value: w.value, lower: w.lower, upper: w.upper, extra: [formatCount(f.count)] };
  });
  const chart = barChart({
    id,
    title,
    bars,
    format: pct,
    tickFormat: (n) => formatPercent(n, 0),
    categoryHeading: groupHeading,
    valueHeading: `Share of ${role}s with a known ${kind}`,
    extraColumns: [{ head: `${capitalise(role)}s`, numeric: true }],
    caption: `${capitalise(role)}s by ${groupHeading.toLowerCase()}: ${formatCount(total)} with a known ${kind} (95% Wilson limits)`,
  });
  return resultPanel(id, heading, result, chart);
}

/** Sex profile: the engine's shares of all records (including those with no victim or suspect), with Wilson limits. */
export function sexProfilePanel(id: string, heading: string, outcome: Outcome, role: string, place: PanelPlace): Panel {
  if (!outcome.ok) return unavailablePanel(id, heading, outcome.reason);
  const { result } = outcome;
  const chart = barChart({
    id,
    title: chartTitle(`${capitalise(role)}s by sex`, place, result),
    format: pct,
    tickFormat: (n) => formatPercent(n, 0),
    bars: result.figures.map((f) => shareBar(f, groupLabel('sex', groupOf(f, `${role}-sex`), role))),
    categoryHeading: 'Sex',
    valueHeading: 'Share of records',
    extraColumns: [{ head: 'Records', numeric: true }],
  });
  return resultPanel(id, heading, result, chart);
}

interface RateRatio {
  against: string;
  ratio: number | null;
  lower?: number;
  upper?: number;
  reason?: string;
}

function rateRatioOf(f: GroupRateFigure): RateRatio | null {
  const rr = f.rateRatio;
  if (!rr) return null;
  const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  if ('reason' in rr) return { against: rr.against, ratio: n(rr.ratio) ?? null, reason: rr.reason };
  return { against: rr.against, ratio: n(rr.ratio) ?? null, lower: n(rr.lower), upper: n(rr.upper) };
}

/**
 * Rate per 1,000 residents of each group and its ratio to the reference group
 * (White residents for ethnicity, everyone else for age), on a log scale so
 * that twice and half the reference rate sit the same distance from parity.
 */
export function rateRatioPanel(
  id: string,
  heading: string,
  outcome: Outcome,
  kind: 'age' | 'ethnicity',
  what: string,
  place: PanelPlace,
): Panel {
  if (!outcome.ok) return unavailablePanel(id, heading, outcome.reason);
  const { result } = outcome;
  const figures = figuresOf(result, 'group-rates');
  const ratios = figures.map(rateRatioOf);
  const against = ratios.find((r) => r !== null)?.against;
  if (against === undefined) {
    const why = figures.some(isSuppressed)
      ? 'the counts are too small to publish'
      : `there are no Census 2021 residents by ${kind} for ${place.area}`;
    return unavailablePanel(id, heading, `no rate ratios could be worked out: ${why}`);
  }
  const bars: BarDatum[] = figures.map((f, i) => {
    const rr = ratios[i] ?? null;
    const group = groupOf(f, kind);
    const rate = f.rate === null ? 'n/a' : `${formatRate(f.rate)} (${formatRate(f.lower)} to ${formatRate(f.upper)})`;
    const extra = [countText(f), formatCount(f.denominator), isSuppressed(f) ? SUPPRESSED : rate];
    if (isSuppressed(f)) return { label: groupLabel(kind, group), value: null, valueText: SUPPRESSED, extra };
    if (rr === null)
      return {
        label: groupLabel(kind, group),
        value: null,
        valueText: group === against ? 'reference' : 'no residents',
        extra,
      };
    if (rr.reason !== undefined || rr.ratio === null)
      return { label: groupLabel(kind, group), value: null, valueText: 'not estimable', extra };
    return { label: groupLabel(kind, group), value: rr.ratio, lower: rr.lower ?? null, upper: rr.upper ?? null, extra };
  });
  const meaning = `a ratio of 1: ${against === 'rest' ? 'the same rate as everyone else' : `the same rate as ${groupLabel(kind, against)} residents`}`;
  const chart = barChart({
    id,
    title: chartTitle(`${what}: rate ratio by ${kind === 'age' ? 'age group' : 'ethnic group'}`, place, result),
    bars,
    scale: 'log',
    format: ratio2,
    tickFormat: (n) => String(Number(n.toPrecision(2))),
    reference: { value: 1, label: 'Equal rates (1)', meaning },
    categoryHeading: kind === 'age' ? 'Age group' : 'Ethnic group',
    valueHeading: `Rate ratio against ${against === 'rest' ? 'everyone else' : `${groupLabel(kind, against)} residents`}`,
    extraColumns: [
      { head: 'Count', numeric: true },
      { head: 'Residents', numeric: true },
      { head: 'Rate per 1,000 (95% limits)', numeric: true },
    ],
  });
  return resultPanel(id, heading, result, chart);
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (s: string) => `${capitalise(s)}${/[.!?]$/.test(s) ? '' : '.'}`;
