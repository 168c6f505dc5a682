import { z } from 'zod';
import catalogueJson from './offenceCatalogue.json' with { type: 'json' };

/**
 * The offence classification catalogue: police.uk crime types, the MPS old
 * Major/Minor classification, the Home Office aligned one and the MPS
 * dashboard's, with known correspondences. The data lives in
 * offenceCatalogue.json so analysts can review it; this module parses it once
 * and checks it is self-consistent.
 */
export const CLASSIFICATIONS = ['police_uk', 'mps_old', 'ho_aligned', 'mps_dashboard'] as const;
export type ClassificationName = (typeof CLASSIFICATIONS)[number];

export const RELATIONS = ['equivalent', 'broader', 'narrower', 'overlaps'] as const;
/** How `from` relates to `to`: broader means `from` contains `to`. */
export type MappingRelation = (typeof RELATIONS)[number];

export interface CategoryRef {
  classification: ClassificationName;
  major: string;
  /** '' for the whole major group. */
  minor: string;
}

export interface CategoryMapping {
  from: CategoryRef;
  relation: MappingRelation;
  to: CategoryRef;
}

export interface OffenceCatalogue {
  /** What each classification is, for those the data describes. */
  classifications: Partial<Record<ClassificationName, string>>;
  categories: CategoryRef[];
  mappings: CategoryMapping[];
}

const classification = z.enum(CLASSIFICATIONS);
const pair = z.tuple([z.string().min(1), z.string()]);
const CatalogueFile = z.object({
  about: z.string(),
  classifications: z.partialRecord(classification, z.string()),
  categories: z.partialRecord(classification, z.array(pair)),
  mappings: z.array(
    z.tuple([classification, z.string(), z.string(), z.enum(RELATIONS), classification, z.string(), z.string()]),
  ),
});

/** Parses catalogue data and refuses one whose mappings name categories it does not list. */
export function parseOffenceCatalogue(data: unknown): OffenceCatalogue {
  const file = CatalogueFile.parse(data);
  const categories: CategoryRef[] = [];
  for (const name of CLASSIFICATIONS) {
    for (const [major, minor] of file.categories[name] ?? []) categories.push({ classification: name, major, minor });
  }
  const listed = new Set(categories.map(refKey));
  const mappings = file.mappings.map(([fc, fmaj, fmin, relation, tc, tmaj, tmin]) => ({
    from: { classification: fc, major: fmaj, minor: fmin },
    relation,
    to: { classification: tc, major: tmaj, minor: tmin },
  }));
  for (const m of mappings) {
    for (const end of [m.from, m.to]) {
      if (!listed.has(refKey(end)))
        throw new Error(`offence catalogue: mapping names an unlisted category ${refKey(end)}`);
    }
  }
  return { classifications: file.classifications, categories, mappings };
}

/** Exact identity of a catalogue entry, as written in the data file. */
export function refKey(ref: CategoryRef): string {
  return `${ref.classification}|${ref.major}|${ref.minor}`;
}

/** The catalogue shipped with Safer. */
export const offenceCatalogue: OffenceCatalogue = parseOffenceCatalogue(catalogueJson);

/** Mappings that start or end at a category, each read from that category's side. */
export function mappingsOf(catalogue: OffenceCatalogue, ref: CategoryRef): CategoryMapping[] {
  const key = refKey(ref);
  const inverse: Record<MappingRelation, MappingRelation> = {
    equivalent: 'equivalent',
    broader: 'narrower',
    narrower: 'broader',
    overlaps: 'overlaps',
  };
  return catalogue.mappings.flatMap((m) => {
    if (refKey(m.from) === key) return [m];
    if (refKey(m.to) === key) return [{ from: m.to, relation: inverse[m.relation], to: m.from }];
    return [];
  });
}
