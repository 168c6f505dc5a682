import { describe, expect, it } from 'vitest';
import { rateFunnelLimits } from '../domain/stats/funnel.ts';
import { funnelPlot, funnelPosition } from './funnelPlot.ts';

describe('funnel plot', () => {
  // Benchmark 10 per 1,000. At 100,000 residents E = 1,000; the exact Poisson 99.8% limits are about E ± 3.09·√E ≈ 902 and 1,100,
  // i.e. about 9.0 and 11.0 per 1,000; 95% about E ± 1.96·√E ≈ 938 and 1,063.
  const limits = rateFunnelLimits(10, 100_000);

  it('places points against the limits at their own population', () => {
    // Worked out apart from this code with scipy: chi2.ppf(α/2, 2E)/2 and chi2.ppf(1 − α/2, 2E + 2)/2 for E = 1,000, over 100 (per 1,000).
    expect(limits.lower998).toBeCloseTo(9.051207909349767, 9);
    expect(limits.lower95).toBeCloseTo(9.389730184076953, 9);
    expect(limits.upper95).toBeCloseTo(10.63952136016302, 9);
    expect(limits.upper998).toBeCloseTo(11.016269438790305, 9);
    expect(funnelPosition(12, limits)).toBe('above the 99.8% limit');
    expect(funnelPosition(10.8, limits)).toBe('above the 95% limit');
    expect(funnelPosition(10, limits)).toBe('within the limits');
    expect(funnelPosition(9.3, limits)).toBe('below the 95% limit');
    expect(funnelPosition(8, limits)).toBe('below the 99.8% limit');
  });

  const chart = funnelPlot({
    id: 'funnel',
    title: 'Boroughs',
    valueLabel: 'offences per 1,000 residents',
    multiplier: 1000,
    benchmark: { rate: 10, label: 'London' },
    points: [
      {
        code: 'E09000001',
        name: 'High',
        count: 1200,
        denominator: 100_000,
        rate: 12,
        href: '/dashboard?area=E09000001',
      },
      {
        code: 'E09000002',
        name: 'Middle',
        count: 2000,
        denominator: 200_000,
        rate: 10,
        highlighted: true,
        href: '/dashboard?area=E09000002',
      },
      { code: 'E09000003', name: 'Low', count: 800, denominator: 100_000, rate: 8, href: '/dashboard?area=E09000003' },
    ],
  });

  it('draws one linked, named point per area, the highlighted one last and labelled', () => {
    const links = [...chart.svg.matchAll(/<a class="app-funnel__link" href="([^"]*)" aria-label="([^"]*)">/g)];
    expect(links.map((l) => l[1])).toEqual([
      '/dashboard?area=E09000001',
      '/dashboard?area=E09000003',
      '/dashboard?area=E09000002',
    ]);
    expect(links[0]![2]).toBe(
      'High: 12.0 offences per 1,000 residents (1,200 in 100,000 residents), above the 99.8% limit',
    );
    expect(chart.svg.match(/app-funnel__point--highlighted/g)).toHaveLength(1);
    expect(chart.svg).toContain('>Middle</text>');
  });

  it('draws four limit lines and the benchmark, with presentation attributes only', () => {
    expect(chart.svg.match(/class="app-funnel__limit /g)).toHaveLength(4);
    expect(chart.svg.match(/class="app-funnel__benchmark"/g)).toHaveLength(1);
    expect(chart.svg).not.toMatch(/style=/);
  });

  it('says the key numbers in the text alternative and the table', () => {
    expect(chart.description).toBe(
      'Funnel plot of 3 areas: rate against population, with 95% and 99.8% limits around London (10.0 offences per 1,000 residents). Middle: 10.0, within the limits. 1 area is above the 99.8% limit and 1 below it.',
    );
    expect(chart.table.rows).toEqual([
      ['High', '1,200', '100,000', '12.0', 'above the 99.8% limit'],
      ['Middle (selected)', '2,000', '200,000', '10.0', 'within the limits'],
      ['Low', '800', '100,000', '8.00', 'below the 99.8% limit'],
    ]);
  });
});
