/** XmR (individuals) chart, NHS "Making Data Count" style. */
export type SpcFlag = 'outside limits' | 'run of 7' | 'trend of 7' | '2 of 3 beyond two-thirds';

export interface SpcPoint {
  value: number;
  flags: SpcFlag[];
}

export interface XmrChart {
  centre: number;
  meanMovingRange: number;
  upperLimit: number;
  lowerLimit: number;
  points: SpcPoint[];
}

const SCALING = 2.66;
const RUN = 7;

/**
 * Centre = mean, limits = mean ± 2.66 × mean moving range. Flags every point
 * that is part of a signal: outside the limits; a run of 7 on one side of the
 * mean (a point on the mean breaks it); 7 consecutive rises or falls; 2 of 3
 * consecutive points beyond two-thirds of the distance to a limit, same side.
 */
export function xmrChart(values: readonly number[]): XmrChart {
  if (values.length < 2) throw new RangeError(`an XmR chart needs at least 2 points, got ${values.length}`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('every point needs a finite value');
  const n = values.length;
  const centre = values.reduce((a, b) => a + b, 0) / n;
  let rangeSum = 0;
  for (let i = 1; i < n; i++) rangeSum += Math.abs((values[i] as number) - (values[i - 1] as number));
  const meanMovingRange = rangeSum / (n - 1);
  const width = SCALING * meanMovingRange;
  const points: SpcPoint[] = values.map((value) => ({ value, flags: [] }));
  const flag = (i: number, f: SpcFlag) => {
    const p = points[i] as SpcPoint;
    if (!p.flags.includes(f)) p.flags.push(f);
  };

  values.forEach((v, i) => {
    if (v > centre + width || v < centre - width) flag(i, 'outside limits');
  });

  flagRuns(
    values.map((v) => Math.sign(v - centre)),
    (i) => flag(i, 'run of 7'),
  );
  // Trends: the sign of each step; a run of 6 equal-signed steps spans 7 points.
  const steps = values.slice(1).map((v, i) => Math.sign(v - (values[i] as number)));
  flagRuns(
    steps,
    (i) => {
      flag(i, 'trend of 7');
      flag(i + 1, 'trend of 7');
    },
    RUN - 1,
  );

  const band = (2 / 3) * width;
  const side = values.map((v) => (v > centre + band ? 1 : v < centre - band ? -1 : 0));
  for (let i = 0; i + 2 < n; i++) {
    for (const s of [1, -1]) {
      const beyond = [i, i + 1, i + 2].filter((j) => side[j] === s);
      if (beyond.length >= 2) beyond.forEach((j) => flag(j, '2 of 3 beyond two-thirds'));
    }
  }
  return { centre, meanMovingRange, upperLimit: centre + width, lowerLimit: centre - width, points };
}

/** Calls mark(i) for every index inside a run of at least `length` equal non-zero signs. */
function flagRuns(signs: readonly number[], mark: (i: number) => void, length = RUN): void {
  let start = 0;
  for (let i = 1; i <= signs.length; i++) {
    if (i < signs.length && signs[i] === signs[start] && signs[i] !== 0) continue;
    if (signs[start] !== 0 && i - start >= length) for (let j = start; j < i; j++) mark(j);
    start = i;
  }
}
