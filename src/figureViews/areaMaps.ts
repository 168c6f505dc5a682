import { geoIdentity, geoPath } from 'd3-geo';
import type { AreaFigure as Figure } from '../analysis/figureShapes.ts';
import type { Chart } from '../charts/chart.ts';
import { CHOROPLETH_LAYOUT, choropleth, type MapArea } from '../charts/choropleth.ts';
import { hotspotMap, type HotspotUnit } from '../charts/hotspotMap.ts';
import { areaShape, mapDocument, projectOutlines } from '../charts/mapShapes.ts';
import { COLOURS, escapeXml, safeId } from '../charts/svg.ts';
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
export function areaHotspots(
  args: AreaMapArgs,
  set: ShapeSet,
): { chart: Chart; tested: number; codes: string[] } | { message: string } {
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
  // The codes drawn, in order: a layer drawn over this map projects its points with the same outlines.
  return { chart, tested: tested.length, codes: tested.map((t) => t.s.code) };
}

/** An outline as the maps hold it (GeoJSON Polygon or MultiPolygon), named through maps/ (figureViews reads no db types). */
type GeoJsonPolygonal = ShapeSet['shapes'][number]['geometry'];

/* ---- Register layers over these maps (issue 20): points where the reader may read entries, else area counts. ---- */

/** One register entry at a point, linking to its record. */
export interface LayerPoint {
  reference: string;
  date: string | null;
  lon: number;
  lat: number;
  href: string;
  /** The ward or LSOA it lies in, by name, for the table. */
  place: string;
}

/** One area's count for a counts-only layer: the number, or the suppression symbol. */
export interface LayerAreaCount {
  code: string;
  name: string;
  value: number | null;
  shown: string;
}

export interface RegisterLayerInput {
  id: string;
  /** e.g. "Weapon sweeps, 12 months to Feb 2026". */
  title: string;
  /** One entry as a sentence names it: "weapon sweep". */
  entryName: string;
  level: 'ward' | 'lsoa';
  /** The outlines the base map drew, in its order (the choropleth's set, or the hot spot map's tested areas). */
  geometries: readonly GeoJsonPolygonal[];
  points?: readonly LayerPoint[];
  counts?: readonly LayerAreaCount[];
  /** Codes of `geometries`, for placing counts at area centres. */
  codes?: readonly string[];
}

const MAP_BOX = {
  x: CHOROPLETH_LAYOUT.margin,
  y: CHOROPLETH_LAYOUT.margin,
  width: CHOROPLETH_LAYOUT.width - 2 * CHOROPLETH_LAYOUT.margin,
  height: CHOROPLETH_LAYOUT.mapHeight - 2 * CHOROPLETH_LAYOUT.margin,
};

/**
 * The projection the map drew its outlines with (charts/mapShapes projectOutlines: longitude scaled by the cosine
 * of the mean first-vertex latitude, fitted to the box), so points land where the outlines put them. A test checks
 * an outline's first vertex projects to the first point of its path.
 */
export function layerProjection(geometries: readonly GeoJsonPolygonal[]) {
  const firsts = geometries
    .map((g) => (g.type === 'Polygon' ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0]))
    .filter((p): p is number[] => p !== undefined);
  const lat = firsts.length > 0 ? firsts.reduce((s, p) => s + p[1]!, 0) / firsts.length : 51.5;
  const k = Math.cos((lat * Math.PI) / 180);
  const ring = (r: number[][]) => r.map((p) => [p[0]! * k, p[1]!]);
  const features = geometries.map((g) => ({
    type: 'Feature' as const,
    properties: null,
    geometry:
      g.type === 'Polygon'
        ? { type: 'Polygon' as const, coordinates: g.coordinates.map(ring) }
        : { type: 'MultiPolygon' as const, coordinates: g.coordinates.map((p) => p.map(ring)) },
  }));
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [MAP_BOX.x, MAP_BOX.y],
        [MAP_BOX.x + MAP_BOX.width, MAP_BOX.y + MAP_BOX.height],
      ],
      { type: 'FeatureCollection', features },
    );
  const path = geoPath(projection);
  return {
    point: (lon: number, lat: number): [number, number] | null => projection([lon * k, lat]),
    centre: (i: number): [number, number] | null => {
      const c = features[i] === undefined ? null : path.centroid(features[i]);
      return c && Number.isFinite(c[0]) ? [c[0], c[1]] : null;
    },
  };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** The layer's SVG group: a dark circle with a white ring per point (a link to the entry), or per area count. */
export function layerOverlay(input: RegisterLayerInput): string {
  const proj = layerProjection(input.geometries);
  const marks: string[] = [];
  for (const p of input.points ?? []) {
    const at = proj.point(p.lon, p.lat);
    if (!at) continue;
    const label = `${p.reference}, ${input.entryName}${p.date ? ` on ${p.date}` : ''}, ${p.place}`;
    marks.push(
      `<a class="app-map__point-link" href="${escapeXml(p.href)}" aria-label="${escapeXml(label)}"><circle class="app-map__point" data-reference="${escapeXml(p.reference)}" cx="${r1(at[0])}" cy="${r1(at[1])}" r="5" fill="${COLOURS.text}" stroke="#ffffff" stroke-width="1.5"><title>${escapeXml(label)}</title></circle></a>`,
    );
  }
  const codes = input.codes ?? [];
  const largest = Math.max(1, ...(input.counts ?? []).map((c) => c.value ?? 0));
  for (const c of input.counts ?? []) {
    const i = codes.indexOf(c.code);
    const at = i === -1 || c.value === null || c.value === 0 ? null : proj.centre(i);
    if (!at) continue;
    const label = `${c.name}: ${c.shown} ${input.entryName} entries counted`;
    marks.push(
      `<circle class="app-map__count" data-code="${escapeXml(c.code)}" cx="${r1(at[0])}" cy="${r1(at[1])}" r="${r1(4 + 14 * Math.sqrt(c.value! / largest))}" fill="${COLOURS.purple}" fill-opacity="0.6" stroke="${COLOURS.text}" stroke-width="1"><title>${escapeXml(label)}</title></circle>`,
    );
  }
  return `<g class="app-map__layer" id="${safeId(input.id)}-marks">${marks.join('')}</g>`;
}

/** A map's SVG with the layer drawn over it (just before its end, above the areas and the legend). */
export const withLayer = (svg: string, overlay: string): string => svg.replace(/<\/svg>$/, `${overlay}</svg>`);

/**
 * The layer as a Chart over plain outlines (for when there is no choropleth to draw it over: pages put
 * `layerOverlay` into the choropleth and hot spot maps with `withLayer`); its text alternative and table list the
 * points (reference, date, place) or the area counts as shown, and serve as the layer's table beside those maps.
 */
export function registerLayerChart(input: RegisterLayerInput): Chart {
  const id = safeId(input.id);
  const overlay = layerOverlay(input);
  const points = input.points ?? [];
  const counts = input.counts ?? [];
  const unit = input.level === 'ward' ? 'ward' : 'LSOA';
  const description =
    input.points !== undefined
      ? `${points.length} ${input.entryName} entries marked as dark circles, each a link to its record${points.length > 0 ? `: ${points.map((p) => `${p.reference} (${p.date ?? 'no date'}, ${p.place})`).join('; ')}` : ''}.`
      : `${input.entryName} entries counted by ${unit}, marked as circles sized by count at each ${unit}'s centre; counts from 1 to 7 are withheld and not drawn: ${counts.map((c) => `${c.name} ${c.shown}`).join('; ') || 'none'}.`;
  const svg = mapDocument(
    {
      id: input.id,
      width: CHOROPLETH_LAYOUT.width,
      height: CHOROPLETH_LAYOUT.mapHeight,
      title: input.title,
      description,
    },
    `<g class="app-map__areas">${projectOutlines(input.geometries, MAP_BOX)
      .map((d, i) =>
        areaShape(d, {
          className: 'app-map__area',
          fill: '#ffffff',
          stroke: COLOURS.secondaryText,
          strokeWidth: 0.6,
          code: input.codes?.[i] ?? String(i),
          label: input.codes?.[i] ?? '',
        }),
      )
      .join('')}</g>${overlay}`,
    points.length > 0,
  );
  const table =
    input.points !== undefined
      ? {
          caption: input.title,
          head: ['Reference', 'Date', input.level === 'ward' ? 'Ward' : 'LSOA'],
          rows: points.map((p) => [p.reference, p.date ?? 'no date', p.place]),
          numeric: [false, false, false],
        }
      : {
          caption: input.title,
          head: [input.level === 'ward' ? 'Ward' : 'LSOA', 'Code', 'Entries'],
          rows: counts.map((c) => [c.name, c.code, c.shown]),
          numeric: [false, false, true],
        };
  return { id, title: input.title, description, svg, table };
}
