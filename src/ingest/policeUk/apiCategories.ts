/**
 * The police.uk API names crime types by slug; the CSV downloads by name.
 * Slugs from the API's crime-categories endpoint. The API kept the slug
 * `violent-crime` when the type was renamed "Violence and sexual offences" in
 * May 2013 (CSV files before then say "Violent crime"), and
 * `public-disorder-weapons` was split into "Public order" and "Possession of
 * weapons" at the same time.
 */
const CRIME_TYPE_BY_SLUG: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'anti-social-behaviour': 'Anti-social behaviour',
    'bicycle-theft': 'Bicycle theft',
    burglary: 'Burglary',
    'criminal-damage-arson': 'Criminal damage and arson',
    drugs: 'Drugs',
    'other-theft': 'Other theft',
    'possession-of-weapons': 'Possession of weapons',
    'public-order': 'Public order',
    robbery: 'Robbery',
    shoplifting: 'Shoplifting',
    'theft-from-the-person': 'Theft from the person',
    'vehicle-crime': 'Vehicle crime',
    'violent-crime': 'Violence and sexual offences',
    'other-crime': 'Other crime',
    'public-disorder-weapons': 'Public disorder and weapons',
  }),
);

/** The month the API's `violent-crime` began to mean "Violence and sexual offences". */
const VIOLENCE_RENAMED = '2013-05-01';

/** Known slugs, for messages. */
export const apiCategorySlugs: readonly string[] = [...CRIME_TYPE_BY_SLUG.keys()];

/** The CSV crime type for an API slug in a month ('YYYY-MM-01'); null for an unknown slug. */
export function crimeTypeForSlug(slug: string, month: string): string | null {
  const name = CRIME_TYPE_BY_SLUG.get(slug.trim().toLowerCase());
  if (name === undefined) return null;
  if (name === 'Violence and sexual offences' && month < VIOLENCE_RENAMED) return 'Violent crime';
  return name;
}
