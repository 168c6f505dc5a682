import { quantileSorted } from 'd3-array';
import { COLOURS, escapeXml, formatCount, formatRate } from './svg.ts';

/**
 * Classed map shading: quantile classes (about the same number of areas in
 * each), their breaks in words, and the legend drawn inside the SVG.
 */
export interface MapClass {
  /** 0-based class index, lowest first. */
  index: number;
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound; null for the top class (which includes the maximum). */
  below: number | null;
  colour: string;
  /** The class in words, e.g. "20.3 to under 25.1". */
  words: string;
  areas: number;
}

/**
 * Quantile class breaks (R-7 quantiles, as spreadsheets compute them) for up
 * to `k` classes. Counts are whole, so their breaks are rounded up to whole
 * numbers; breaks that coincide are merged, giving fewer classes.
 */
export function quantileBreaks(values: readonly number[], k = 5, whole = false): number[] {
  const sorted = values
    .filter(Number.isFinite)
    .slice()
    .sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const breaks: number[] = [];
  for (let i = 1; i < k; i += 1) {
    const q = quantileSorted(sorted, i / k)!;
    const b = whole ? Math.ceil(q) : q;
    if (b > min && !breaks.includes(b)) breaks.push(b);
  }
  return breaks;
}

/** The class a value falls in: the number of breaks at or below it. */
export function classIndex(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i += 1;
  return i;
}

/** Colours spread over the five-class palette, so three classes are light, middle and dark. */
export function classColour(index: number, classes: number): string {
  const palette = COLOURS.sequential;
  if (classes <= 1) return palette[2]!;
  return palette[Math.round((index * (palette.length - 1)) / (classes - 1))]!;
}

export function mapClasses(values: readonly number[], k = 5, whole = false): MapClass[] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [];
  const breaks = quantileBreaks(finite, k, whole);
  const n = breaks.length + 1;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const fmt = whole ? formatCount : formatRate;
  return Array.from({ length: n }, (_, i) => {
    const from = i === 0 ? min : breaks[i - 1]!;
    const below = i === n - 1 ? null : breaks[i]!;
    const words =
      below === null
        ? from === max
          ? fmt(max)
          : `${fmt(from)} to ${fmt(max)}`
        : whole
          ? from === below - 1
            ? fmt(from)
            : `${fmt(from)} to ${fmt(below - 1)}`
          : `${fmt(from)} to under ${fmt(below)}`;
    return {
      index: i,
      from,
      below,
      colour: classColour(i, n),
      words,
      areas: finite.filter((v) => classIndex(v, breaks) === i).length,
    };
  });
}

/** "lowest", "highest" or "3rd" of n, for accessible names. */
export function className(index: number, classes: number): string {
  if (classes > 1 && index === classes - 1) return `class ${index + 1} of ${classes}, the highest`;
  if (classes > 1 && index === 0) return `class 1 of ${classes}, the lowest`;
  return `class ${index + 1} of ${classes}`;
}

export interface LegendItem {
  fill: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: string;
  label: string;
}

/** Legend swatches in a column from (x, y), one row each, with a heading; returns the SVG and its height. */
export function legendColumn(
  heading: string,
  items: readonly LegendItem[],
  x: number,
  y: number,
): { svg: string; height: number } {
  const rows = items.map((item, i) => {
    const ty = y + 26 + i * 24;
    return (
      `<rect x="${x}" y="${ty - 9}" width="28" height="18" fill="${item.fill}" stroke="${item.stroke ?? COLOURS.secondaryText}" stroke-width="${item.strokeWidth ?? 1}"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>` +
      `<text x="${x + 36}" y="${ty}" dy="0.32em" font-size="13" fill="${COLOURS.text}">${escapeXml(item.label)}</text>`
    );
  });
  return {
    svg: `<g class="app-map__legend"><text x="${x}" y="${y + 6}" font-size="14" font-weight="bold" fill="${COLOURS.text}">${escapeXml(heading)}</text>${rows.join('')}</g>`,
    height: 26 + items.length * 24,
  };
}
