import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import { z } from 'zod';
import type { Layout, LoadContext } from '../layout.ts';
import { ImportRejectedError } from '../problems.ts';
import { readText } from '../textSource.ts';
import { BoundaryLoader } from './boundaryFeatures.ts';

/**
 * Boundary files: WGS84 GeoJSON FeatureCollections (parsed whole: the largest
 * real one is 14 MB) and ESRI shapefiles, reprojected to WGS84 from whatever
 * their .prj says (British National Grid for the ONS London LSOA 2011 file).
 */

const notes = 'ONS Open Geography Portal / GLA boundaries; OGL v3.0';

const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.record(z.string(), z.unknown()).nullable(),
      geometry: z.unknown(),
    }),
  ),
});

export const geoJsonBoundaryLayout: Layout = {
  id: 'geojson-boundaries',
  description: 'GeoJSON FeatureCollection of LSOA, ward or local authority boundaries (WGS84)',
  signature: [],
  detect: (file) =>
    file.header === null &&
    /^\s*\{/.test(file.headText) &&
    (/\.geojson(\.gz)?$/i.test(file.path) || /"type"\s*:\s*"(FeatureCollection|Feature)"/.test(file.headText)),
  plan: () => ({ series: 'reference/boundaries', owningAgency: 'ons', notes }),
  load: loadGeoJson,
};

async function loadGeoJson(ctx: LoadContext): Promise<void> {
  const label = ctx.file.label;
  let text = '';
  for await (const chunk of readText(ctx.file.path, label, { encoding: ctx.options.encoding })) text += chunk;
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw ImportRejectedError.single(label, {
      message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  if (type !== 'FeatureCollection') {
    throw ImportRejectedError.single(label, {
      column: 'type',
      value: typeof type === 'string' ? type : JSON.stringify(type ?? null),
      message: 'a boundary file must be a GeoJSON FeatureCollection',
    });
  }
  const parsed = featureCollection.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw ImportRejectedError.single(label, {
      column: issue.path.join('.'),
      message: `not a valid GeoJSON FeatureCollection: ${issue.message}`,
    });
  }
  const loader = new BoundaryLoader(ctx);
  for (const feature of parsed.data.features)
    await loader.add({ properties: feature.properties ?? {}, geometry: feature.geometry });
  await loader.finish();
}

export const shapefileBoundaryLayout: Layout = {
  id: 'shapefile-boundaries',
  description:
    'ESRI shapefile of LSOA, ward or local authority boundaries (.shp with its .dbf and .prj), reprojected to WGS84',
  signature: [],
  detect: (file) => extname(file.path).toLowerCase() === '.shp',
  plan: () => ({ series: 'reference/boundaries', owningAgency: 'ons', notes }),
  load: loadShapefile,
};

type Position = number[];
type Reproject = (p: Position) => Position;

async function loadShapefile(ctx: LoadContext): Promise<void> {
  const { path, label } = ctx.file;
  const stem = path.slice(0, -extname(path).length);
  const dbf = companion(stem, '.dbf');
  const prj = companion(stem, '.prj');
  if (!dbf)
    throw ImportRejectedError.single(label, { message: "the shapefile's .dbf (attributes) is missing beside it" });
  if (!prj)
    throw ImportRejectedError.single(label, {
      message: "the shapefile's .prj (coordinate system) is missing beside it; Safer will not guess the projection",
    });
  const reproject = await reprojectionFrom(label, await readFile(prj, 'utf8'));
  const source = await shapefile.open(path, dbf);
  const loader = new BoundaryLoader(ctx);
  for (;;) {
    const { done, value } = await source.read();
    if (done) break;
    const g = value.geometry as { type: string; coordinates: unknown } | null;
    const geometry =
      g?.type === 'Polygon'
        ? { type: 'Polygon', coordinates: (g.coordinates as Position[][]).map((r) => r.map(reproject)) }
        : g?.type === 'MultiPolygon'
          ? {
              type: 'MultiPolygon',
              coordinates: (g.coordinates as Position[][][]).map((p) => p.map((r) => r.map(reproject))),
            }
          : g;
    await loader.add({ properties: (value.properties ?? {}) as Record<string, unknown>, geometry });
  }
  await loader.finish();
}

/** The .dbf/.prj beside a .shp, in either case of extension. */
function companion(stem: string, ext: string): string | null {
  for (const candidate of [stem + ext, stem + ext.toUpperCase()]) if (existsSync(candidate)) return candidate;
  return null;
}

/** A function taking the .prj's coordinates to WGS84 longitude/latitude, rounded to 7 decimals (about 1 cm). */
async function reprojectionFrom(label: string, wkt: string): Promise<Reproject> {
  let converter: proj4.Converter;
  try {
    converter = proj4(wkt.trim(), 'WGS84');
  } catch (error) {
    throw ImportRejectedError.single(label, {
      column: '.prj',
      value: wkt.slice(0, 80),
      message: `the coordinate system cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  const round = (n: number) => Math.round(n * 1e7) / 1e7;
  return (p) => {
    const [x, y] = converter.forward([p[0]!, p[1]!]);
    return [round(x!), round(y!)];
  };
}

export const boundaryLayouts: Layout[] = [geoJsonBoundaryLayout, shapefileBoundaryLayout];
