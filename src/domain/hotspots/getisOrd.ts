import { normalCdf } from '../stats/normal.ts';
import { adjustPValues, type AdjustmentMethod } from './multipleTesting.ts';

export interface GiStarCell {
  value: number;
  /** Null where the neighbourhood covers every cell, so the statistic is undefined. */
  z: number | null;
  p: number | null;
  adjustedP: number | null;
  classification: 'hot spot' | 'cold spot' | 'not significant';
}

export interface GiStarResult {
  cells: GiStarCell[];
  adjustment: AdjustmentMethod;
  significanceLevel: number;
}

/**
 * Getis-Ord Gi* with binary weights over each cell's neighbourhood (the cell
 * plus its neighbours, e.g. the 8 around a square cell):
 *   Gi* = (Σⱼ xⱼ − X̄·Wᵢ) / (S·√((n·Wᵢ − Wᵢ²)/(n − 1))),  X̄ = Σx/n, S = √(Σx²/n − X̄²), Wᵢ = |neighbourhood|,
 * p = 2Φ(−|z|), then adjusted for the number of cells tested.
 */
export function getisOrdGiStar(
  values: readonly number[],
  neighbourhood: (index: number) => readonly number[],
  options: { adjustment: AdjustmentMethod; significanceLevel?: number },
): GiStarResult {
  const n = values.length;
  const level = options.significanceLevel ?? 0.05;
  if (n < 2) throw new RangeError(`Gi* needs at least 2 cells, got ${n}`);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(values.reduce((a, v) => a + v * v, 0) / n - mean * mean);
  const z = values.map((_, i) => {
    const members = neighbourhood(i);
    const w = members.length;
    const denominator = s * Math.sqrt((n * w - w * w) / (n - 1));
    if (!(denominator > 0)) return null;
    const local = members.reduce((a, j) => a + (values[j] as number), 0);
    return (local - mean * w) / denominator;
  });
  const tested = z.map((v, i) => ({ v, i })).filter((e): e is { v: number; i: number } => e.v !== null);
  const p = tested.map((e) => 2 * normalCdf(-Math.abs(e.v)));
  const adjusted = adjustPValues(p, options.adjustment);
  const cells: GiStarCell[] = values.map((value) => ({
    value,
    z: null,
    p: null,
    adjustedP: null,
    classification: 'not significant',
  }));
  tested.forEach((e, k) => {
    const cell = cells[e.i] as GiStarCell;
    cell.z = e.v;
    cell.p = p[k] as number;
    cell.adjustedP = adjusted[k] as number;
    if (cell.adjustedP < level) cell.classification = e.v > 0 ? 'hot spot' : 'cold spot';
  });
  return { cells, adjustment: options.adjustment, significanceLevel: level };
}
