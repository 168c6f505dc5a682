import { describe, expect, it } from 'vitest';
import { binSquare, cellCentre, squareNeighbourhood } from './binning.ts';
import { classifyEmergingHotspot } from './emergingHotspots.ts';
import { getisOrdGiStar } from './getisOrd.ts';
import { quarticDensity, resolutionWarnings, ruleOfThumbBandwidth } from './kernelDensity.ts';
import { adjustPValues } from './multipleTesting.ts';

describe('binning', () => {
  it('square cells snap to multiples of the cell size', () => {
    const g = binSquare(
      [
        { x: 530_010, y: 180_010 },
        { x: 530_090, y: 180_020 },
        { x: 530_150, y: 180_260 },
      ],
      100,
    );
    expect([g.originX, g.originY, g.columns, g.rows]).toEqual([530_000, 180_000, 2, 3]);
    expect(g.counts).toEqual([2, 0, 0, 0, 0, 1]);
    expect(cellCentre(g, 5)).toEqual({ x: 530_150, y: 180_250 });
  });

  it('neighbourhoods: 9 inside, 4 in a corner, 6 on an edge', () => {
    const grid = { columns: 4, rows: 4 };
    expect(squareNeighbourhood(grid, 5)).toHaveLength(9);
    expect(squareNeighbourhood(grid, 0).sort((a, b) => a - b)).toEqual([0, 1, 4, 5]);
    expect(squareNeighbourhood(grid, 1)).toHaveLength(6);
  });

  it('refuses a zero cell size', () =>
    expect(() => binSquare([{ x: 0, y: 0 }], 0)).toThrow('cell size must be above 0, got 0'));
});

describe('Getis-Ord Gi*', () => {
  /*
   * 4 × 4 grid, all 0 except 16 in row 1, column 1 (index 5). n = 16, X̄ = 1, S = √(256/16 − 1) = √15.
   * Corner (index 0): neighbourhood {0,1,4,5}, W = 4, Σ = 16: z = (16 − 4)/(√15 · √((64 − 16)/15)) = 12/√48 = √3 = 1.732051.
   * The cell itself (index 5): W = 9, Σ = 16: z = 7/(√15 · √(63/15)) = 7/√63 = 0.881917.
   * Far corner (index 15): W = 4, Σ = 0: z = −4/√48 = −0.577350.
   * p = 2Φ(−|z|): 0.0832645 for √3 (scipy). BH over the 16 cells gives 0.5397883 for the corner (scipy false_discovery_control).
   */
  const values = Array<number>(16).fill(0);
  values[5] = 16;
  const result = getisOrdGiStar(values, (i) => squareNeighbourhood({ columns: 4, rows: 4 }, i), {
    adjustment: 'Benjamini–Hochberg',
  });

  it('z-scores worked by hand', () => {
    expect(result.cells[0]?.z).toBeCloseTo(Math.sqrt(3), 10);
    expect(result.cells[5]?.z).toBeCloseTo(7 / Math.sqrt(63), 10);
    expect(result.cells[15]?.z).toBeCloseTo(-4 / Math.sqrt(48), 10);
  });

  it('p-values and the named adjustment', () => {
    expect(result.cells[0]?.p).toBeCloseTo(0.08326452, 7);
    expect(result.cells[0]?.adjustedP).toBeCloseTo(0.53978834, 7);
    expect(result.adjustment).toBe('Benjamini–Hochberg');
    expect(result.cells.every((c) => c.classification === 'not significant')).toBe(true);
  });

  it('finds a real cluster and Bonferroni is stricter', () => {
    const v = Array<number>(100).fill(1);
    for (const i of [44, 45, 46, 54, 55, 56, 64, 65, 66]) v[i] = 12;
    const nb = (i: number) => squareNeighbourhood({ columns: 10, rows: 10 }, i);
    const bh = getisOrdGiStar(v, nb, { adjustment: 'Benjamini–Hochberg' });
    const bonferroni = getisOrdGiStar(v, nb, { adjustment: 'Bonferroni' });
    expect(bh.cells[55]?.classification).toBe('hot spot');
    expect(bh.cells[0]?.classification).toBe('not significant');
    bh.cells.forEach((c, i) => expect(bonferroni.cells[i]?.adjustedP ?? 0).toBeGreaterThanOrEqual(c.adjustedP ?? 0));
  });

  it('a neighbourhood covering every cell has no statistic', () => {
    const r = getisOrdGiStar([1, 5, 2], () => [0, 1, 2], { adjustment: 'Bonferroni' });
    expect(r.cells.map((c) => c.z)).toEqual([null, null, null]);
  });
});

describe('multiple-testing adjustment', () => {
  it('Benjamini–Hochberg and Bonferroni (scipy false_discovery_control: 0.025 0.05 0.05 0.025 0.2)', () => {
    const p = [0.01, 0.04, 0.03, 0.005, 0.2];
    adjustPValues(p, 'Benjamini–Hochberg').forEach((q, i) =>
      expect(q).toBeCloseTo([0.025, 0.05, 0.05, 0.025, 0.2][i] as number, 12),
    );
    expect(adjustPValues(p, 'Bonferroni')).toEqual([0.05, 0.2, 0.15, 0.025, 1]);
  });
});

describe('kernel density', () => {
  it('rule-of-thumb bandwidth (numpy: x 11.466663, y 2.866666, mean 7.166665; ×0.5 = 3.583332)', () => {
    // By hand for x = 0, 10, 20, 30, 100: IQR (type 7) = 30 − 10 = 20 → 14.925 < sd 39.62; 1.06 × 14.925 × 5^−0.2 = 11.4667.
    const points = [0, 10, 20, 30, 100].map((x, i) => ({ x, y: [0, 0, 5, 5, 50][i] as number }));
    const b = ruleOfThumbBandwidth(points, { cellSize: 5 });
    expect(b.xAxis).toBeCloseTo(11.466663335796376, 9);
    expect(b.yAxis).toBeCloseTo(2.866665833949094, 9);
    expect(b.bandwidth).toBeCloseTo(7.166664584872735, 9);
    expect(b.warnings).toEqual([]);
    const half = ruleOfThumbBandwidth(points, { adjust: 0.5, cellSize: 5 });
    expect(half.bandwidth).toBeCloseTo(3.5833322924363675, 9);
    expect(half.warnings).toEqual([
      'bandwidth 3.6 m is smaller than the 5 m cell: the surface will show single cells, not hotspots',
    ]);
  });

  it('warns when cells or bandwidth are finer than police.uk snap points', () => {
    expect(resolutionWarnings(80, 50, 100)).toEqual([
      "cells of 50 m are finer than the ~100 m spacing of police.uk's anonymised map points: hotspots will follow the snap points, not where crimes happened",
      "bandwidth 80 m is finer than the ~100 m spacing of police.uk's anonymised map points",
    ]);
  });

  it('quartic kernel: 3/(πh²)(1 − d²/h²)², zero beyond h, integrates to the number of points', () => {
    const [atCentre, at50, at100] = quarticDensity(
      [{ x: 0, y: 0 }],
      [
        { x: 0, y: 0 },
        { x: 50, y: 0 },
        { x: 100, y: 0 },
      ],
      100,
    );
    expect(atCentre).toBeCloseTo(3 / (Math.PI * 10_000), 15);
    expect(at50).toBeCloseTo((3 / (Math.PI * 10_000)) * 0.5625, 15);
    expect(at100).toBe(0);
    const targets = [];
    for (let x = -100; x <= 100; x += 2) for (let y = -100; y <= 100; y += 2) targets.push({ x, y });
    const total = quarticDensity(
      [
        { x: 0, y: 0 },
        { x: 10, y: -5 },
      ],
      targets,
      100,
    ).reduce((a, d) => a + d * 4, 0);
    expect(total).toBeCloseTo(2, 1);
  });
});

describe('emerging hotspot classes (10 periods: the last 2 are recent)', () => {
  const H = 'hot spot' as const;
  const C = 'cold spot' as const;
  const _ = 'not significant' as const;
  it.each([
    [[H, H, H, H, H, H, H, H, _, _], 'persistent hotspot'],
    [[_, _, _, _, _, _, _, _, H, H], 'emerging hotspot'],
    [[_, _, _, _, _, _, _, _, _, H], 'emerging hotspot'],
    [[H, H, _, _, _, _, _, _, _, _], 'former hotspot'],
    [[H, _, _, H, _, _, _, _, H, _], 'intermittent hotspot'],
    [[_, _, _, _, _, _, _, _, _, _], 'no pattern'],
    [Array(10).fill(C), 'persistent coldspot'],
    [[H, H, _, _, _, _, _, _, C, C], 'mixed hot/coldspot'],
  ])('%j → %s', (periods, expected) => expect(classifyEmergingHotspot(periods)).toBe(expected));

  it('needs two periods', () =>
    expect(() => classifyEmergingHotspot([H])).toThrow('emerging hotspot classes need at least 2 periods, got 1'));
});
