import type { AreaFigure as Figure } from '../analysis/figureShapes.ts';
import type { Chart } from '../charts/chart.ts';
import { choropleth, type MapArea } from '../charts/choropleth.ts';
import { hotspotMap, type HotspotUnit } from '../charts/hotspotMap.ts';
import type { ShapeSet } from '../maps/boundaries.ts';
import { getisOrdGiStar } from '../domain/hotspots/getisOrd.ts';

export interface AreaMapArgs {
  /** The chart's id (unique on its page or in its report); places-map-<level> by default. */
  id?: string;
  level: 'ward' | 'lsoa';
  measure: 'rate' | 'count';
  /** e.g. "Violence against the person, Tower Hamlets, 12 months to Feb 2026". */
  subject: string;
  /** What the counts count: "offences", "victims"… */
  noun: string;
  figures: readonly Figure[];
  /** Shape sets of every vintage held for the borough: the one whose codes match the figures is drawn. */
  shapeSets: readonly ShapeSet[];
  overlayDeciles: number;
  hrefFor: (code: string) => string;
}

/** The shape set whose codes the figures use most (ward codes change with boundary reviews). */
export function matchingShapes(
  shapeSets: readonly ShapeSet[],
  figures: readonly Figure[],
  level: 'ward' | 'lsoa',
): { set: ShapeSet; unmatched: number } | null {
  const codes = new Set(figures.map((f) => f.group[level]));
  let best: { set: ShapeSet; hits: number } | null = null;
  for (const set of shapeSets) {
    const hits = set.shapes.filter((s) => codes.has(s.code)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { set, hits };
  }
  return best ? { set: best.set, unmatched: codes.size - best.hits } : null;
}

const figureValue = (f: Figure | undefined, measure: 'rate' | 'count') =>
  f ? (measure === 'rate' ? f.rate : f.count) : null;
/** "offences per 1,000 residents" or "offences recorded". */
export const valueLabel = (measure: 'rate' | 'count', noun: string, multiplier = 1000) =>
  measure === 'rate' ? `${noun} per ${multiplier.toLocaleString('en-GB')} residents` : `${noun} recorded`;

export function areaChoropleth(args: AreaMapArgs, set: ShapeSet): Chart {
  const byCode = new Map(args.figures.map((f) => [f.group[args.level]!, f]));
  const areas: MapArea[] = set.shapes.map((s) => {
    const f = byCode.get(s.code);
    const decile = f?.imdDecile;
    return {
      code: s.code,
      name: f?.group.name ?? s.name,
      geometry: s.geometry,
      value: figureValue(f, args.measure) ?? null,
      href: args.hrefFor(s.code),
      ...(args.level === 'lsoa' ? { imdDecile: typeof decile === 'number' ? decile : null } : {}),
    };
  });
  const label = args.level === 'ward' ? 'Ward' : 'LSOA';
  return choropleth({
    id: args.id ?? `places-map-${args.level}`,
    title: `${args.measure === 'rate' ? 'Rate' : 'Count'} by ${args.level === 'ward' ? 'ward' : 'LSOA'}: ${args.subject}`,
    areaLabel: label,
    valueLabel: valueLabel(args.measure, args.noun),
    valueFormat: args.measure,
    areas,
    deprivedDeciles: args.level === 'lsoa' ? args.overlayDeciles : 0,
  });
}

/**
 * Getis-Ord Gi* over the map's areas: each area with the areas it touches
 * (queen contiguity), on rates when there are rates (areas differ in
 * population), Benjamini–Hochberg adjusted at 5% as the engine's grid is.
 */
export function areaHotspots(args: AreaMapArgs, set: ShapeSet): { chart: Chart; tested: number } | { message: string } {
  const byCode = new Map(args.figures.map((f) => [f.group[args.level]!, f]));
  const useRates = args.figures.some((f) => f.rate !== null);
  const measure = useRates ? 'rate' : 'count';
  const tested = set.shapes
    .map((s, i) => ({ s, i, v: figureValue(byCode.get(s.code), measure) }))
    .filter((t): t is { s: typeof t.s; i: number; v: number } => t.v !== null);
  if (tested.length < 3)
    return {
      message: `a hot spot test needs at least 3 ${args.level === 'ward' ? 'wards' : 'LSOAs'} with figures; ${tested.length} have one`,
    };
  const position = new Map(tested.map((t, k) => [t.i, k]));
  const neighbourhood = (k: number) => [
    k,
    ...set.neighbours[tested[k]!.i]!.map((j) => position.get(j)).filter((j): j is number => j !== undefined),
  ];
  let gi: ReturnType<typeof getisOrdGiStar>;
  try {
    gi = getisOrdGiStar(
      tested.map((t) => t.v),
      neighbourhood,
      { adjustment: 'Benjamini–Hochberg' },
    );
  } catch (error) {
    if (error instanceof RangeError) return { message: error.message };
    throw error;
  }
  const units: HotspotUnit[] = tested.map((t, k) => ({
    code: t.s.code,
    name: byCode.get(t.s.code)?.group.name ?? t.s.name,
    geometry: t.s.geometry,
    value: t.v,
    href: args.hrefFor(t.s.code),
    z: gi.cells[k]!.z,
    adjustedP: gi.cells[k]!.adjustedP,
    classification: gi.cells[k]!.classification,
  }));
  const unit = args.level === 'ward' ? 'ward' : 'LSOA';
  const chart = hotspotMap({
    id: `places-hotspots-${args.level}`,
    title: `Hot spots of ${measure === 'rate' ? 'rates' : 'counts'} by ${unit}: ${args.subject}`,
    unitLabel: args.level === 'ward' ? 'Ward' : 'LSOA',
    valueLabel: valueLabel(measure, args.noun),
    valueFormat: measure,
    method: `Getis-Ord Gi* on each ${unit}'s ${measure} with the ${unit}s it touches (queen contiguity), p-values adjusted for ${tested.length} tests (Benjamini–Hochberg), 5% level`,
    units,
  });
  return { chart, tested: tested.length };
}
