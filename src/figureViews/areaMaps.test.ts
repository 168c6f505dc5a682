import { describe, expect, it } from 'vitest';
import { projectOutlines } from '../charts/mapShapes.ts';
import type { GeoJsonPolygonal } from '../db/tables/reference.ts';
import { layerOverlay, layerProjection, registerLayerChart, withLayer } from './areaMaps.ts';

// Two invented squares side by side near Tower Hamlets' latitude (not real outlines).
const square = (x: number, y: number): GeoJsonPolygonal => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});
const geometries = [square(-0.06, 51.51), square(-0.05, 51.51)];
const BOX = { x: 10, y: 10, width: 620, height: 500 };

describe('register layer over an area map', () => {
  it('projects a point exactly where the map drew the same place (the first vertex of the first outline)', () => {
    const d = projectOutlines(geometries, BOX)[0]!;
    const [x, y] = /^M(-?[\d.]+),(-?[\d.]+)/.exec(d)!.slice(1).map(Number) as [number, number];
    const at = layerProjection(geometries).point(-0.06, 51.51)!;
    expect(Math.abs(at[0] - x)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(at[1] - y)).toBeLessThanOrEqual(0.05);
  });

  it('draws one linked circle per point and a sized circle per drawn count; withheld and zero counts are not drawn', () => {
    const overlay = layerOverlay({
      id: 'layer',
      title: 'Sweeps',
      entryName: 'weapon sweep',
      level: 'ward',
      geometries,
      codes: ['A', 'B'],
      points: [{ reference: 'WS-1', date: '2025-04-02', lon: -0.055, lat: 51.515, href: '/x/1', place: 'A' }],
    });
    expect(overlay.match(/<circle class="app-map__point"/g)?.length).toBe(1);
    expect(overlay).toContain('href="/x/1"');
    const counts = layerOverlay({
      id: 'layer',
      title: 'Tensions',
      entryName: 'community tension',
      level: 'ward',
      geometries,
      codes: ['A', 'B'],
      counts: [
        { code: 'A', name: 'A', value: null, shown: '*' },
        { code: 'B', name: 'B', value: 10, shown: '10' },
      ],
    });
    expect(counts.match(/class="app-map__count"/g)?.length).toBe(1);
    expect(counts).toContain('data-code="B"');
    expect(withLayer('<svg>x</svg>', '<g/>')).toBe('<svg>x<g/></svg>');
  });

  it('gives the layer a text alternative and table with the numbers as shown', () => {
    const chart = registerLayerChart({
      id: 'layer',
      title: 'Tensions',
      entryName: 'community tension',
      level: 'ward',
      geometries,
      codes: ['A', 'B'],
      counts: [
        { code: 'A', name: 'Ward A', value: null, shown: '*' },
        { code: 'B', name: 'Ward B', value: 10, shown: '10' },
      ],
    });
    expect(chart.table.rows).toEqual([
      ['Ward A', 'A', '*'],
      ['Ward B', 'B', '10'],
    ]);
    expect(chart.description).toContain('Ward A *; Ward B 10');
    expect(chart.svg).toContain('<title id="layer-title">Tensions</title>');
  });
});
