import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type PlaceIndex, placeIndex } from '../domain/geo/placeIndex.ts';
import { areaShapesIn } from '../maps/boundaries.ts';
import type { PlaceInput } from './entryValues.ts';

/*
 * Where a register entry lies in the partnership's borough: the LSOA and ward a point falls in, from the newest
 * boundaries imported (kept per data version by maps/boundaries.ts). An entry known only by its LSOA takes the
 * ward its LSOA's centre lies in; one known only by its ward has no LSOA.
 */

export interface BoroughPlaces {
  boroughCode: string;
  lsoas: PlaceIndex;
  wards: PlaceIndex;
  /** The centre of each LSOA (mean of its outer ring's vertices), for entries placed by LSOA only. */
  lsoaCentres: ReadonlyMap<string, readonly [number, number]>;
}

export interface PlacedEntry {
  lon: number | null;
  lat: number | null;
  lsoaCode: string | null;
  wardCode: string | null;
}

export async function boroughPlaces(db: Kysely<DB>, boroughCode: string): Promise<BoroughPlaces> {
  const [lsoaSets, wardSets] = await Promise.all([
    areaShapesIn(db, boroughCode, 'lsoa'),
    areaShapesIn(db, boroughCode, 'ward'),
  ]);
  const lsoaShapes = lsoaSets[0]?.shapes ?? [];
  const wardShapes = wardSets[0]?.shapes ?? [];
  const lsoaCentres = new Map<string, readonly [number, number]>();
  for (const s of lsoaShapes) {
    const ring = (s.geometry.type === 'Polygon' ? s.geometry.coordinates[0] : s.geometry.coordinates[0]?.[0]) ?? [];
    const n = ring.length || 1;
    lsoaCentres.set(s.code, [
      ring.reduce((a, p) => a + (p[0] ?? 0), 0) / n,
      ring.reduce((a, p) => a + (p[1] ?? 0), 0) / n,
    ]);
  }
  return { boroughCode, lsoas: placeIndex(lsoaShapes), wards: placeIndex(wardShapes), lsoaCentres };
}

/** The entry's place, or the problem with it (naming the input), from what was entered. */
export function placeEntry(places: BoroughPlaces, input: PlaceInput): PlacedEntry | { field: string; message: string } {
  if (input.lon !== null && input.lat !== null) {
    const lsoaCode = places.lsoas.locate(input.lon, input.lat);
    if (lsoaCode === null)
      return {
        field: 'latitude',
        message: `the point ${input.lat}, ${input.lon} is outside the borough ${places.boroughCode}`,
      };
    return { lon: input.lon, lat: input.lat, lsoaCode, wardCode: places.wards.locate(input.lon, input.lat) };
  }
  if (input.lsoa !== null) {
    if (!places.lsoas.has(input.lsoa)) return { field: 'lsoa', message: `${input.lsoa} is not an LSOA of the borough` };
    const centre = places.lsoaCentres.get(input.lsoa);
    const ward = input.ward ?? (centre ? places.wards.locate(centre[0], centre[1]) : null);
    return { lon: null, lat: null, lsoaCode: input.lsoa, wardCode: ward };
  }
  if (input.ward !== null) {
    if (!places.wards.has(input.ward)) return { field: 'ward', message: `${input.ward} is not a ward of the borough` };
    return { lon: null, lat: null, lsoaCode: null, wardCode: input.ward };
  }
  return { lon: null, lat: null, lsoaCode: null, wardCode: null };
}
