import { z } from 'zod';
import type { AreaTable } from '../../db/tables/core.ts';
import type { GeoJsonPolygonal } from '../../db/tables/reference.ts';
import { parseGssCode } from '../fields.ts';
import type { LoadContext } from '../layout.ts';
import { ImportRejectedError } from '../problems.ts';
import { AreaWriter } from './areaWriter.ts';
import { FirstSeen } from './referenceFields.ts';
import { ReplacingWriter } from './replacingWriter.ts';

/**
 * What a boundary file's features are, read from their property names:
 * `lsoa21cd` / `LSOA11CD` (+ `lad22cd`, `LAD11CD`), ONS ward codes `wd22cd`,
 * the GLA ward files' `GSS_CODE` + `LAGSSCODE` (vintage from the file name),
 * and dissolved boroughs `lad22cd`.
 */
export interface FeatureScheme {
  type: AreaTable['type'];
  vintage: string;
  code: string;
  name: string | null;
  parent: string | null;
  prefixes: readonly string[];
}

type Properties = Record<string, unknown>;

function key(props: Properties, pattern: RegExp): { key: string; year: string } | null {
  for (const k of Object.keys(props)) {
    const m = pattern.exec(k.toLowerCase());
    if (m) return { key: k, year: m[1] ?? '' };
  }
  return null;
}

const named = (props: Properties, lower: string) => Object.keys(props).find((k) => k.toLowerCase() === lower) ?? null;

export function schemeOf(props: Properties, label: string): FeatureScheme | null {
  const ladOf = (year?: string) =>
    (year ? named(props, `lad${year}cd`) : null) ?? key(props, /^lad(\d\d)cd$/)?.key ?? null;
  const lsoa = key(props, /^lsoa(\d\d)cd$/);
  if (lsoa) {
    return {
      type: 'lsoa',
      vintage: `20${lsoa.year}`,
      code: lsoa.key,
      name: named(props, `lsoa${lsoa.year}nm`),
      parent: ladOf(),
      prefixes: ['E01', 'W01'],
    };
  }
  const ward = key(props, /^wd(\d\d)cd$/);
  if (ward) {
    return {
      type: 'ward',
      vintage: `20${ward.year}`,
      code: ward.key,
      name: named(props, `wd${ward.year}nm`),
      parent: ladOf(ward.year),
      prefixes: ['E05', 'W05'],
    };
  }
  const gss = named(props, 'gss_code');
  const la = named(props, 'lagsscode');
  const fileYear = /wards?[_ -]?((?:19|20)\d\d)/i.exec(label)?.[1];
  if (gss && la && fileYear) {
    return { type: 'ward', vintage: fileYear, code: gss, name: named(props, 'name'), parent: la, prefixes: ['E05'] };
  }
  const lad = key(props, /^lad(\d\d)cd$/);
  if (lad)
    return {
      type: 'borough',
      vintage: `20${lad.year}`,
      code: lad.key,
      name: named(props, `lad${lad.year}nm`),
      parent: null,
      prefixes: ['E06', 'E07', 'E08', 'E09', 'W06'],
    };
  return null;
}

const position = z.tuple([z.number(), z.number()]).rest(z.number());
const ring = z.array(position).min(4);
const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);

/** Bounds of the UK with a margin, as in ingest/fields.ts: a point outside means a projected or swapped geometry. */
const UK = { minLat: 49.8, maxLat: 60.95, minLon: -8.75, maxLon: 1.9 };

function firstOutsideUk(g: GeoJsonPolygonal): number[] | null {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const polygon of polygons) {
    for (const r of polygon) {
      for (const p of r) {
        const [lon, lat] = p as [number, number];
        if (lat < UK.minLat || lat > UK.maxLat || lon < UK.minLon || lon > UK.maxLon) return p;
      }
    }
  }
  return null;
}

export interface BoundaryFeature {
  properties: Properties;
  geometry: unknown;
}

/**
 * Validates features one at a time and writes their boundaries (and, for
 * LSOAs and wards, the areas themselves) once the whole file has passed.
 */
export class BoundaryLoader {
  private scheme: FeatureScheme | null = null;
  private readonly boundaries: ReplacingWriter;
  private readonly areas: AreaWriter;
  private readonly seen = new FirstSeen();
  private index = 0;

  constructor(private readonly ctx: LoadContext) {
    this.boundaries = new ReplacingWriter(ctx, 'boundary', ['area_code', 'vintage', 'geometry'], 2);
    this.areas = new AreaWriter(ctx);
  }

  async add(feature: BoundaryFeature): Promise<void> {
    const { ctx } = this;
    const n = this.index++;
    ctx.stats.rowsRead += 1;
    const props = feature.properties ?? {};
    if (!this.scheme) {
      this.scheme = schemeOf(props, ctx.file.label);
      if (!this.scheme) {
        throw ImportRejectedError.single(ctx.file.label, {
          column: `features[${n}].properties`,
          value: Object.keys(props).join(', '),
          message:
            'cannot tell what areas these are: expected an LSOA, ward or local authority code property (e.g. lsoa21cd, LSOA11CD, wd22cd, GSS_CODE with LAGSSCODE, lad22cd)',
        });
      }
    }
    const s = this.scheme;
    const where = `features[${n}]`;
    const code = parseGssCode(`${where}.properties.${s.code}`, String(props[s.code] ?? ''), s.prefixes);
    if (!code.ok) {
      ctx.problems.add({ line: null, ...code.problem });
      return;
    }
    const geometry = geometrySchema.safeParse(feature.geometry);
    if (!geometry.success) {
      ctx.problems.add({
        line: null,
        column: `${where}.geometry`,
        value: JSON.stringify(feature.geometry ?? null).slice(0, 80),
        message: 'not a Polygon or MultiPolygon with [longitude, latitude] positions',
      });
      return;
    }
    const outside = firstOutsideUk(geometry.data as GeoJsonPolygonal);
    if (outside) {
      ctx.problems.add({
        line: null,
        column: `${where}.geometry`,
        value: JSON.stringify(outside),
        message: 'a position is outside the UK: boundaries must be WGS84 longitude, latitude',
      });
      return;
    }
    const first = this.seen.check(code.value, n);
    if (first !== undefined) {
      ctx.problems.add({
        line: null,
        column: `${where}.properties.${s.code}`,
        value: code.value,
        message: `duplicate feature: the same area as features[${first}]`,
      });
      return;
    }
    if (s.type !== 'borough') {
      const parent = s.parent ? parseGssCode(`${where}.properties.${s.parent}`, String(props[s.parent] ?? '')) : null;
      if (parent && !parent.ok) {
        ctx.problems.add({ line: null, ...parent.problem });
        return;
      }
      const name = s.name ? String(props[s.name] ?? '').trim() : '';
      this.areas.offerFirst({
        code: code.value,
        type: s.type,
        vintage: s.vintage,
        name: name || code.value,
        parentCode: parent?.value ?? null,
      });
    }
    await this.boundaries.add([code.value, s.vintage, JSON.stringify(geometry.data)]);
  }

  async finish(): Promise<void> {
    await this.areas.finish();
    await this.boundaries.finish();
  }
}
