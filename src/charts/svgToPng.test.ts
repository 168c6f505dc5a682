import { describe, expect, it } from 'vitest';
import { barChart } from './barChart.ts';
import { pngFromSvg, rasteriseSvg } from './svgToPng.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk (bytes 16–23), i.e. what was really drawn. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('rasteriseSvg', () => {
  const chart = barChart({
    id: 'test',
    title: 'Test bars',
    bars: [{ label: 'A', value: 3, valueText: '3' }],
    domain: [0, 5],
    categoryHeading: 'Group',
    valueHeading: 'Count',
  });
  const viewBox = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(chart.svg)!;

  it('draws a PNG twice the size of the chart viewBox and reports the viewBox size', () => {
    const raster = rasteriseSvg(chart.svg);
    expect(raster.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(raster.width).toBe(Number(viewBox[1]));
    expect(raster.height).toBeCloseTo(Number(viewBox[2]), 0);
    expect(pngSize(raster.png)).toEqual({ width: raster.width * 2, height: Math.round(raster.height * 2) });
  });

  it('pngFromSvg is the same picture', () => {
    expect(pngFromSvg(chart.svg).equals(rasteriseSvg(chart.svg).png)).toBe(true);
  });
});
