import { Resvg } from '@resvg/resvg-js';

/**
 * Charts rasterised for the places that cannot take SVG: the explorer's PNG download and the Word report (Word
 * shows an SVG only with a PNG fallback, so the PNG is what every reader of a .docx sees). Unlike the chart modules
 * beside it this is not pure: resvg reads the system fonts, so text is drawn in DejaVu Sans wherever it runs.
 */
export interface RasterChart {
  png: Buffer;
  /** The size the chart was drawn at (its viewBox), in CSS pixels: the PNG itself is twice as large. */
  width: number;
  height: number;
}

/** Twice the chart's own width, for sharp slides and printed documents. */
const SCALE = 2;

export function rasteriseSvg(svg: string): RasterChart {
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  const width = Number(box?.[1] ?? 720);
  // Charts say width="100%" so pages can scale them; resvg needs a size in pixels.
  const fixed = svg.replace(' width="100%"', ` width="${width}"`);
  const resvg = new Resvg(fixed, {
    fitTo: { mode: 'width', value: Math.round(width * SCALE) },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  const image = resvg.render();
  return { png: Buffer.from(image.asPng()), width: image.width / SCALE, height: image.height / SCALE };
}

/** A PNG of the same SVG, twice the chart's own width. */
export const pngFromSvg = (svg: string): Buffer => rasteriseSvg(svg).png;
