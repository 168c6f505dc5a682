export type EmergingClass =
  | 'persistent hotspot'
  | 'emerging hotspot'
  | 'former hotspot'
  | 'intermittent hotspot'
  | 'persistent coldspot'
  | 'emerging coldspot'
  | 'former coldspot'
  | 'intermittent coldspot'
  | 'mixed hot/coldspot'
  | 'no pattern';

export interface EmergingParameters {
  /** Minimum share of periods significant before a cell is any kind of hot/cold spot (sfhotspot default 0.1). */
  hotspotShare: number;
  /** Share of periods significant for a persistent spot (default 0.8). */
  persistentShare: number;
  /** Share of periods (the latest) treated as recent (default 0.2). */
  recentShare: number;
}

export const DEFAULT_EMERGING_PARAMETERS: EmergingParameters = {
  hotspotShare: 0.1,
  persistentShare: 0.8,
  recentShare: 0.2,
};

/**
 * Classifies one cell from its per-period Gi* results (oldest first), after
 * sfhotspot's hotspot_classify: persistent when significant in ≥ 80% of
 * periods; emerging when significant in < 10% of older periods and ≥ 20% of
 * recent ones; former when ≥ 10% of older and < 10% of recent; otherwise
 * intermittent when ≥ 10% overall. The recent periods are the last
 * floor(recentShare × n), at least 1.
 */
export function classifyEmergingHotspot(
  periods: readonly ('hot spot' | 'cold spot' | 'not significant')[],
  parameters: EmergingParameters = DEFAULT_EMERGING_PARAMETERS,
): EmergingClass {
  const n = periods.length;
  if (n < 2) throw new RangeError(`emerging hotspot classes need at least 2 periods, got ${n}`);
  const recent = Math.max(1, Math.floor(parameters.recentShare * n));
  const hot = classify(
    periods.map((p) => p === 'hot spot'),
    recent,
    parameters,
  );
  const cold = classify(
    periods.map((p) => p === 'cold spot'),
    recent,
    parameters,
  );
  if (hot && cold) return 'mixed hot/coldspot';
  if (hot) return `${hot} hotspot` as const;
  if (cold) return `${cold} coldspot` as const;
  return 'no pattern';
}

function classify(
  significant: boolean[],
  recent: number,
  p: EmergingParameters,
): 'persistent' | 'emerging' | 'former' | 'intermittent' | null {
  const n = significant.length;
  const share = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;
  const all = share(significant);
  const older = share(significant.slice(0, n - recent));
  const latest = share(significant.slice(n - recent));
  if (all >= p.persistentShare) return 'persistent';
  if (older < p.hotspotShare && latest >= p.recentShare) return 'emerging';
  if (older >= p.hotspotShare && latest < p.hotspotShare) return 'former';
  if (all >= p.hotspotShare) return 'intermittent';
  return null;
}
