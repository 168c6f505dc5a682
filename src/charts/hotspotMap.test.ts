import { describe, expect, it } from 'vitest';
import type { GeoJsonPolygonal } from '../db/tables/reference.ts';
import { HOTSPOT_STYLE, hotspotMap, type HotspotUnit } from './hotspotMap.ts';

const square = (i: number): GeoJsonPolygonal => {
  const [x, y] = [-0.05 + i * 0.01, 51.5];
  return {
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
  };
};

const units: HotspotUnit[] = [
  {
    code: 'E05000001',
    name: 'Alpha',
    geometry: square(0),
    value: 40,
    z: 3.1,
    adjustedP: 0.004,
    classification: 'hot spot',
    href: '/dashboard?area=E05000001',
  },
  {
    code: 'E05000002',
    name: 'Beta',
    geometry: square(1),
    value: 20,
    z: 0.2,
    adjustedP: 0.84,
    classification: 'not significant',
    href: '/dashboard?area=E05000002',
  },
  {
    code: 'E05000003',
    name: 'Gamma',
    geometry: square(2),
    value: 5,
    z: -2.9,
    adjustedP: 0.0004,
    classification: 'cold spot',
    href: '/dashboard?area=E05000003',
  },
];

describe('hot spot map', () => {
  const chart = hotspotMap({
    id: 'hs',
    title: 'Hot spots',
    unitLabel: 'Ward',
    valueLabel: 'offences per 1,000 residents',
    valueFormat: 'rate',
    method: 'Gi*, Benjamini–Hochberg',
    units,
  });

  it('draws each unit as a named link, significant units last (on top)', () => {
    const links = [...chart.svg.matchAll(/<a class="app-map__link" href="([^"]*)" aria-label="([^"]*)">/g)];
    expect(links).toHaveLength(3);
    expect(links.map((l) => l[1])).toEqual([
      '/dashboard?area=E05000002',
      '/dashboard?area=E05000001',
      '/dashboard?area=E05000003',
    ]);
    expect(links[1]![2]).toBe('Alpha: hot spot (z = 3.10, adjusted p = 0.004); 40.0 offences per 1,000 residents');
    expect(links[2]![2]).toContain('Gamma: cold spot (z = -2.90, adjusted p = below 0.001)');
  });

  it('tells hot from cold by outline as well as colour', () => {
    expect(chart.svg).toMatch(new RegExp(`fill="${HOTSPOT_STYLE['hot spot'].fill}" stroke="#0b0c0c" stroke-width="2"`));
    expect(chart.svg).toMatch(/stroke-dasharray="4 2"/);
  });

  it('counts the classes in the legend and the text alternative, and lists them by z in the table', () => {
    expect(chart.svg).toContain('Hot spot (1)');
    expect(chart.svg).toContain('Cold spot (1)');
    expect(chart.description).toBe(
      'Ward hot spot map: 3 wards tested; 1 hot spot (Alpha), 1 cold spot (Gamma), 1 not significant. Method: Gi*, Benjamini–Hochberg.',
    );
    expect(chart.table.rows.map((r) => r[0])).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(chart.table.rows[0]).toEqual(['Alpha', '40.0', '3.10', '0.004', 'hot spot']);
  });

  it('draws a backdrop under grid cells without links, with presentation attributes only', () => {
    const grid = hotspotMap({
      id: 'g',
      title: 'Grid',
      unitLabel: 'Grid cell',
      valueLabel: 'offences recorded',
      valueFormat: 'count',
      method: 'm',
      backdrop: [square(0), square(1)],
      units: units.map(({ href: _h, ...u }) => u),
    });
    expect(grid.svg.match(/<path /g)).toHaveLength(5);
    expect(grid.svg).not.toContain('<a ');
    expect(grid.svg).not.toMatch(/style=/);
    expect(grid.svg).toMatch(/^<svg [^>]*role="img"/);
  });
});
