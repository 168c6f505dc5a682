import { z } from 'zod';
import type { Definition } from '../../../../domain/definitions/definitionSchema.ts';
import { DashboardQuery } from '../dashboardQuery.ts';

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values)
    .optional()
    .or(z.literal('').transform(() => undefined));

/** The Places page's own filters, on top of the shared ones. */
export const PlacesQuery = DashboardQuery.extend({
  /** Map and rank wards or LSOAs. */
  level: choice(['ward', 'lsoa'] as const),
  /** Shade by rate per 1,000 residents or by count. */
  measure: choice(['rate', 'count'] as const),
  /** What is counted, from the form's one select: "category:LABEL" or "definition:ID" (links may use definition= or category= instead). */
  what: z
    .string()
    .trim()
    .max(140)
    .regex(/^(category|definition):.+$/, 'choose what to count from the list')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Hatch LSOAs in the most deprived IMD 2019 deciles. */
  overlay: choice(['deprived-20', 'deprived-10', 'none'] as const),
  /** Hot spots of area rates (Gi* on the map's areas) or of police.uk street points on a grid. */
  hotspot: choice(['areas', 'grid'] as const),
  /** A register drawn over the maps (issue 20): its id, as the "Register layer" select offers. */
  layer: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-z][a-z0-9-]*$/, 'choose a register layer from the list')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  sort: choice(['rate', 'count', 'name'] as const),
  dir: choice(['asc', 'desc'] as const),
});
export type PlacesQuery = z.infer<typeof PlacesQuery>;

/** The serious violence measure the MPS ward counts support: the page's default. */
export const DEFAULT_CATEGORY = 'VIOLENCE AGAINST THE PERSON';

/** MPS (Home Office aligned) major categories: all published by ward and borough. */
export const MPS_CATEGORIES = [
  'VIOLENCE AGAINST THE PERSON',
  'ROBBERY',
  'SEXUAL OFFENCES',
  'POSSESSION OF WEAPONS',
  'BURGLARY',
  'THEFT',
  'VEHICLE OFFENCES',
  'ARSON AND CRIMINAL DAMAGE',
  'DRUG OFFENCES',
  'PUBLIC ORDER OFFENCES',
  'MISCELLANEOUS CRIMES AGAINST SOCIETY',
] as const;

export interface Counted {
  /** The request fields naming what is counted (exactly one). */
  request: { definition: string } | { category: string };
  /** The select's value for it. */
  value: string;
}

export function countedFrom(query: PlacesQuery): Counted {
  if (query.what) {
    const [kind, ...rest] = query.what.split(':');
    const name = rest.join(':');
    return kind === 'definition'
      ? { request: { definition: name }, value: query.what }
      : { request: { category: name }, value: query.what };
  }
  if (query.definition) return { request: { definition: query.definition }, value: `definition:${query.definition}` };
  const category = query.category ?? DEFAULT_CATEGORY;
  return { request: { category }, value: `category:${category}` };
}

export interface WhatGroup {
  label: string;
  options: { value: string; text: string; selected: boolean }[];
}

/** The "what is counted" select: definitions first, then the MPS categories; an unlisted choice is shown as chosen. */
export function whatOptions(definitions: readonly Definition[], current: string): WhatGroup[] {
  const seen = new Set<string>();
  const defs = definitions
    .filter((d) => {
      if (seen.has(d.id)) return false;
      seen.add(d.id);
      return true;
    })
    .map((d) => ({ value: `definition:${d.id}`, text: d.name }));
  const cats = MPS_CATEGORIES.map((c) => ({ value: `category:${c}`, text: sentenceCase(c) }));
  const groups = [
    { label: 'Definitions', options: defs },
    { label: 'Police recorded crime categories (MPS)', options: cats },
  ];
  const known = groups.some((g) => g.options.some((o) => o.value.toLowerCase() === current.toLowerCase()));
  if (!known)
    groups.unshift({
      label: 'Chosen',
      options: [{ value: current, text: current.replace(/^(category|definition):/, '') }],
    });
  return groups.map((g) => ({
    label: g.label,
    options: g.options.map((o) => ({ ...o, selected: o.value.toLowerCase() === current.toLowerCase() })),
  }));
}

export const sentenceCase = (s: string) => (s === s.toUpperCase() ? s.charAt(0) + s.slice(1).toLowerCase() : s);
