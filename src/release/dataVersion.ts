/*
 * The data version lives in the analysis layer, which remembers reference lookups per version (referenceMemo.ts)
 * and may not import this one; pages, API, downloads and maps keep reading it from here.
 */
export { dataVersion, withDataVersion } from '../analysis/dataVersion.ts';
