import { geoIdentity, geoPath } from 'd3-geo';
import type { GeoJsonPolygonal } from '../db/tables/reference.ts';
import { escapeXml, safeId } from './svg.ts';

/**
 * Shared map geometry: outlines in WGS84 longitude/latitude projected to SVG
 * path data fitted to a box. Within a borough (or London) a plane with the
 * longitude scaled by cos(latitude) is Mercator to well under a pixel, and a
 * planar projection avoids d3's spherical ring-winding rules.
 */
export interface MapBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Feature = { type: 'Feature'; properties: null; geometry: GeoJsonPolygonal };

function scaled(g: GeoJsonPolygonal, k: number): GeoJsonPolygonal {
  const ring = (r: number[][]) => r.map((p) => [p[0]! * k, p[1]!]);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

function meanLatitude(geometries: readonly GeoJsonPolygonal[]): number {
  let sum = 0;
  let n = 0;
  for (const g of geometries) {
    const first = g.type === 'Polygon' ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0];
    if (first) {
      sum += first[1]!;
      n += 1;
    }
  }
  return n > 0 ? sum / n : 51.5;
}

/** SVG path data for each outline (coordinates to 1 decimal place, repeated points dropped), fitted to the box. */
export function projectOutlines(geometries: readonly GeoJsonPolygonal[], box: MapBox): string[] {
  if (geometries.length === 0) return [];
  const k = Math.cos((meanLatitude(geometries) * Math.PI) / 180);
  const features: Feature[] = geometries.map((g) => ({ type: 'Feature', properties: null, geometry: scaled(g, k) }));
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [box.x, box.y],
        [box.x + box.width, box.y + box.height],
      ],
      { type: 'FeatureCollection', features },
    );
  const path = geoPath(projection).digits(1);
  return features.map((f) => dropRepeats(path(f) ?? ''));
}

/** After rounding, neighbouring vertices often coincide; "L12.3,4.5" repeated adds bytes and nothing else. */
function dropRepeats(d: string): string {
  return d.replace(/L(-?[\d.]+,-?[\d.]+)(?:L\1)+/g, 'L$1');
}

/** A map with links inside is a group of links, not one image: role="img" would hide the links from screen readers. */
export function mapDocument(
  frame: { id: string; width: number; height: number; title: string; description: string },
  body: string,
  interactive: boolean,
): string {
  const id = safeId(frame.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" width="100%" role="${interactive ? 'group' : 'img'}" aria-labelledby="${id}-title ${id}-desc" class="app-chart app-map" font-family="Arial, Helvetica, sans-serif" font-size="14">` +
    `<title id="${id}-title">${escapeXml(frame.title)}</title><desc id="${id}-desc">${escapeXml(frame.description)}</desc>` +
    `<rect width="${frame.width}" height="${frame.height}" fill="#ffffff"/>` +
    body +
    '</svg>'
  );
}

/** One area as a keyboard-focusable link with an accessible name, or a plain shape when it has nowhere to go. */
export function areaShape(
  d: string,
  attrs: {
    fill: string;
    stroke: string;
    strokeWidth: number;
    className: string;
    code: string;
    label: string;
    href?: string | undefined;
  },
): string {
  const path = `<path class="${attrs.className}" data-code="${escapeXml(attrs.code)}" d="${d}" fill="${attrs.fill}" stroke="${attrs.stroke}" stroke-width="${attrs.strokeWidth}" stroke-linejoin="round"><title>${escapeXml(attrs.label)}</title></path>`;
  return attrs.href
    ? `<a class="app-map__link" href="${escapeXml(attrs.href)}" aria-label="${escapeXml(attrs.label)}">${path}</a>`
    : path;
}
