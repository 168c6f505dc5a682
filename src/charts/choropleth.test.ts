import { describe, expect, it } from 'vitest';
import type { GeoJsonPolygonal } from '../db/tables/reference.ts';
import { choropleth, type MapArea } from './choropleth.ts';
import { COLOURS } from './svg.ts';

/** A row of 0.01° squares near Tower Hamlets. */
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

const areas: MapArea[] = Array.from({ length: 10 }, (_, i) => ({
  code: `E0500000${i}`,
  name: `Ward ${i + 1}`,
  geometry: square(i),
  value: i + 1,
  href: `/dashboard?area=E0500000${i}&period=2024/25`,
  imdDecile: i + 1,
}));

const links = (svg: string) =>
  [...svg.matchAll(/<a class="app-map__link" href="([^"]*)" aria-label="([^"]*)">/g)].map((m) => ({
    href: m[1]!,
    label: m[2]!,
  }));

describe('choropleth', () => {
  const chart = choropleth({
    id: 'test-map',
    title: 'Rate by ward',
    areaLabel: 'Ward',
    valueLabel: 'offences per 1,000 residents',
    valueFormat: 'rate',
    areas,
    deprivedDeciles: 2,
  });

  it('draws one shape and one link per area, each link named and pointing at its overview', () => {
    expect(chart.svg.match(/<path class="app-map__area"/g)).toHaveLength(10);
    const found = links(chart.svg);
    expect(found.map((l) => l.href)).toEqual(areas.map((a) => a.href!.replace('&', '&amp;')));
    expect(found[0]!.label).toBe(
      'Ward 1: 1.00 offences per 1,000 residents, class 1 of 5, the lowest; among the 20% most deprived areas in England (IMD 2019 decile 1)',
    );
    expect(found[9]!.label).toBe('Ward 10: 10.0 offences per 1,000 residents, class 5 of 5, the highest');
  });

  it('fills by quantile class: values 1..10 give pairs per class (breaks 2.8, 4.6, 6.4, 8.2)', () => {
    const fills = [
      ...chart.svg.matchAll(/<path class="app-map__area" data-code="[^"]*" d="[^"]*" fill="([^"]*)"/g),
    ].map((m) => m[1]);
    const s = COLOURS.sequential;
    expect(fills).toEqual([s[0], s[0], s[1], s[1], s[2], s[2], s[3], s[3], s[4], s[4]]);
  });

  it('hatches the areas in IMD deciles 1 and 2 and says so in the legend', () => {
    expect(chart.svg.match(/class="app-map__overlay"/g)).toHaveLength(2);
    expect(chart.svg).toContain('Hatched: 20% most deprived in England, IMD 2019 (2)');
  });

  it('puts the class breaks in words in the legend, the text alternative and the table', () => {
    expect(chart.svg).toContain('2.80 to under 4.60 (2 wards)');
    expect(chart.description).toContain(
      '1.00 to under 2.80; 2.80 to under 4.60; 4.60 to under 6.40; 6.40 to under 8.20; 8.20 to 10.0',
    );
    expect(chart.description).toContain('Highest: Ward 10 (10.0); lowest: Ward 1 (1.00)');
    expect(chart.table.rows[0]).toEqual(['Ward 10', 'E05000009', '10.0', '5 of 5 (8.20 to 10.0)', '10']);
  });

  it('uses presentation attributes only, keeps coordinates to 1 decimal place and is a group of links, not an image', () => {
    expect(chart.svg).not.toMatch(/style=/);
    expect(chart.svg).not.toMatch(/<script/);
    const pathData = [...chart.svg.matchAll(/ d="([^"]*)"/g)].map((m) => m[1]!).join(' ');
    expect(pathData).toMatch(/\d/);
    expect(pathData).not.toMatch(/\.\d\d/);
    expect(chart.svg).toMatch(/^<svg [^>]*role="group"/);
    expect(chart.svg).toMatch(/<title id="test-map-title">Rate by ward<\/title><desc id="test-map-desc">/);
  });

  it('draws an area without a figure white, says "no data", and never shows it as zero', () => {
    const withGap = choropleth({
      id: 'gap',
      title: 't',
      areaLabel: 'Ward',
      valueLabel: 'offences recorded',
      valueFormat: 'count',
      areas: [...areas.slice(0, 9), { ...areas[9]!, value: null }],
    });
    expect(links(withGap.svg)[9]!.label).toBe('Ward 10: no data');
    expect(withGap.svg).toContain('No data (1 ward)');
    expect(withGap.table.rows.at(-1)).toContain('no data');
    expect(withGap.svg).not.toContain('app-map__overlay');
  });

  it('draws plain shapes (no links) when areas have nowhere to go', () => {
    const plain = choropleth({
      id: 'plain',
      title: 't',
      areaLabel: 'Ward',
      valueLabel: 'v',
      valueFormat: 'rate',
      areas: areas.map(({ href: _href, ...a }) => a),
    });
    expect(plain.svg).not.toContain('<a ');
    expect(plain.svg).toMatch(/^<svg [^>]*role="img"/);
  });
});
