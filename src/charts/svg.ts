/** SVG building blocks shared by every chart: escaping, the accessible wrapper, number formats, colours. */

export function escapeXml(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Ids for SVG elements: letters, digits and hyphens only, so they are safe in attributes and selectors. */
export function safeId(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'chart'
  );
}

export interface SvgFrame {
  id: string;
  width: number;
  height: number;
  title: string;
  description: string;
}

/**
 * The outer <svg>: scales to its container (viewBox, no fixed width), named by
 * its <title> and described by its <desc> for screen readers. Presentation
 * attributes only: the Content Security Policy forbids style attributes.
 */
export function svgDocument(frame: SvgFrame, body: string): string {
  const id = safeId(frame.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" class="app-chart" font-family="Arial, Helvetica, sans-serif" font-size="14">` +
    `<title id="${id}-title">${escapeXml(frame.title)}</title><desc id="${id}-desc">${escapeXml(frame.description)}</desc>` +
    `<rect width="${frame.width}" height="${frame.height}" fill="#ffffff"/>` +
    body +
    '</svg>'
  );
}

const GB = new Intl.NumberFormat('en-GB');

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? 'n/a' : GB.format(n);
}

/** Rates to one decimal place below 100, whole numbers above: the precision a reader can use. */
export function formatRate(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  return Math.abs(n) >= 100 ? GB.format(Math.round(n)) : n.toFixed(Math.abs(n) >= 10 ? 1 : 2);
}

export function formatPercent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || !Number.isFinite(share) ? 'n/a' : `${(share * 100).toFixed(digits)}%`;
}

/**
 * Colours from the GOV.UK palette, checked for at least 3:1 contrast against
 * white (WCAG 1.4.11 non-text contrast) where they carry meaning.
 */
export const COLOURS = {
  text: '#0b0c0c',
  secondaryText: '#505a5f',
  grid: '#b1b4b6',
  primary: '#1d70b8',
  darkBlue: '#003078',
  orange: '#f47738',
  red: '#d4351c',
  green: '#00703c',
  purple: '#4c2c92',
  /** Series after the first: distinct in hue and lightness. */
  series: ['#1d70b8', '#f47738', '#4c2c92', '#00703c', '#d4351c', '#505a5f'],
  /** Five-class sequential blues for choropleths (ColorBrewer Blues, colour-blind safe). */
  sequential: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  /** Diverging classes for hot (red) and cold (blue) spots, with neutral grey in the middle. */
  diverging: ['#2166ac', '#67a9cf', '#f7f7f7', '#ef8a62', '#b2182b'],
} as const;
