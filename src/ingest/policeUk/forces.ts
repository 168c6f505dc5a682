/**
 * Stop-and-search files do not name the force in any column. data.police.uk
 * names its downloads `YYYY-MM-<force>-stop-and-search.csv`; these are the
 * London-relevant force slugs and the force names its street files use in
 * "Falls within". Anything else is taken to be the Metropolitan Police
 * Service, the force of 32 of London's 33 boroughs.
 */
const FORCE_BY_SLUG: ReadonlyMap<string, string> = new Map([
  ['metropolitan', 'Metropolitan Police Service'],
  ['city-of-london', 'City of London Police'],
  ['btp', 'British Transport Police'],
]);

export const DEFAULT_STOP_SEARCH_FORCE = 'Metropolitan Police Service';

const DOWNLOAD_NAME = /^\d{4}-\d{2}-(.+)-stop-and-search(?:\.csv)?(?:\.gz)?$/i;

/** The force a stop-and-search file belongs to, from its data.police.uk file name, else the default. */
export function stopSearchForce(fileName: string): { force: string; fromFileName: boolean } {
  const slug = DOWNLOAD_NAME.exec(fileName)?.[1]?.toLowerCase();
  const force = slug === undefined ? undefined : FORCE_BY_SLUG.get(slug);
  return force === undefined
    ? { force: DEFAULT_STOP_SEARCH_FORCE, fromFileName: false }
    : { force, fromFileName: true };
}
