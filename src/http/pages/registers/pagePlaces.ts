import { areaShapesIn } from '../../../maps/boundaries.ts';
import type { Services } from '../../../services.ts';

/*
 * The names of the borough's wards and LSOAs, for selects and for showing an entry's place in words. The same
 * outlines (the newest vintage of each) that places.ts places entries in, so every code shown has its name.
 */

export interface PlaceNames {
  /** The borough's wards by name, for selects and checkboxes. */
  wards: { code: string; name: string }[];
  wardName(code: string | null): string;
  lsoaName(code: string | null): string;
}

export async function placeNames(services: Services): Promise<PlaceNames> {
  const area = services.config.partnershipArea;
  const [wardSets, lsoaSets] = await Promise.all([
    areaShapesIn(services.db, area, 'ward'),
    areaShapesIn(services.db, area, 'lsoa'),
  ]);
  const wardNames = new Map((wardSets[0]?.shapes ?? []).map((s) => [s.code, s.name]));
  const lsoaNames = new Map((lsoaSets[0]?.shapes ?? []).map((s) => [s.code, s.name]));
  const named = (names: Map<string, string>) => (code: string | null) =>
    code === null ? '' : names.has(code) ? `${names.get(code)} (${code})` : code;
  return {
    wards: [...wardNames].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name)),
    wardName: named(wardNames),
    lsoaName: named(lsoaNames),
  };
}
