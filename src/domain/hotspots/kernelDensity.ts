import type { Point } from './binning.ts';

export interface Bandwidth {
  bandwidth: number;
  /** Each axis's rule-of-thumb value before averaging and adjustment. */
  xAxis: number;
  yAxis: number;
  adjust: number;
  warnings: string[];
}

/**
 * Rule-of-thumb bandwidth as methods.md states it: 1.06 × min(σ, IQR/1.34) × n^(−1/5)
 * for each axis, averaged, times an adjustment factor. (MASS::bandwidth.nrd,
 * which sfhotspot copies, has an extra factor of 4; methods.md does not.)
 * σ is the sample standard deviation; quartiles are R's default (type 7).
 */
export function ruleOfThumbBandwidth(
  points: readonly Point[],
  options: { adjust?: number; cellSize?: number; snapSpacing?: number } = {},
): Bandwidth {
  if (points.length < 2) throw new RangeError(`a bandwidth needs at least 2 points, got ${points.length}`);
  const adjust = options.adjust ?? 1;
  if (!(adjust > 0)) throw new RangeError(`adjustment factor must be above 0, got ${adjust}`);
  const xAxis = axisBandwidth(points.map((p) => p.x));
  const yAxis = axisBandwidth(points.map((p) => p.y));
  const bandwidth = ((xAxis + yAxis) / 2) * adjust;
  const warnings = resolutionWarnings(bandwidth, options.cellSize, options.snapSpacing);
  if (!(bandwidth > 0))
    warnings.push(
      'every point is at the same place on at least one axis: the rule-of-thumb bandwidth is 0; set a bandwidth',
    );
  return { bandwidth, xAxis, yAxis, adjust, warnings };
}

/** Warnings when a surface is finer than its cells or than police.uk's anonymised map points. */
export function resolutionWarnings(bandwidth: number | null, cellSize?: number, snapSpacing?: number): string[] {
  const warnings: string[] = [];
  if (bandwidth !== null && cellSize !== undefined && bandwidth < cellSize) {
    warnings.push(
      `bandwidth ${round(bandwidth)} m is smaller than the ${round(cellSize)} m cell: the surface will show single cells, not hotspots`,
    );
  }
  if (snapSpacing !== undefined) {
    if (cellSize !== undefined && cellSize < snapSpacing) {
      warnings.push(
        `cells of ${round(cellSize)} m are finer than the ~${round(snapSpacing)} m spacing of police.uk's anonymised map points: hotspots will follow the snap points, not where crimes happened`,
      );
    }
    if (bandwidth !== null && bandwidth < snapSpacing) {
      warnings.push(
        `bandwidth ${round(bandwidth)} m is finer than the ~${round(snapSpacing)} m spacing of police.uk's anonymised map points`,
      );
    }
  }
  return warnings;
}

/**
 * Quartic (biweight) kernel density at each target point:
 * Σ 3/(πh²) (1 − d²/h²)² over points within h. Units: points per square unit (m²).
 */
export function quarticDensity(points: readonly Point[], targets: readonly Point[], bandwidth: number): number[] {
  if (!(bandwidth > 0)) throw new RangeError(`bandwidth must be above 0, got ${bandwidth}`);
  const h2 = bandwidth * bandwidth;
  const scale = 3 / (Math.PI * h2);
  return targets.map((t) => {
    let density = 0;
    for (const p of points) {
      const d2 = (p.x - t.x) ** 2 + (p.y - t.y) ** 2;
      if (d2 < h2) density += scale * (1 - d2 / h2) ** 2;
    }
    return density;
  });
}

function axisBandwidth(values: number[]): number {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const sorted = [...values].sort((a, b) => a - b);
  const iqr = quantileType7(sorted, 0.75) - quantileType7(sorted, 0.25);
  return 1.06 * Math.min(sd, iqr / 1.34) * n ** (-1 / 5);
}

/** R's default quantile (type 7) of sorted values. */
export function quantileType7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
