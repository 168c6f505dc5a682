/** What the load-test parent (index.ts) and the app's process (server.ts) share. */
export const PASSWORD = 'load test passphrase';

/** What the server tells the parent once it listens. */
export interface ServerReady {
  base: string;
  /** One per client: who signs in and the API token it sends. */
  accounts: { email: string; token: string }[];
  /** Extra paths the scenario made (e.g. the imported batch's page). */
  paths: string[];
  preparedSeconds: number;
}

/** The app's cache counters (server.ts), sent when the parent asks for "counters". */
export interface CacheCounters {
  /** Page-cache lookups (every dashboard page request) and misses (the page was built). */
  pageLookups: number;
  pageMisses: number;
  /** Result-cache lookups outside a page build (the API's own answers) and misses (the analysis ran). */
  apiLookups: number;
  apiMisses: number;
  /** Result-cache lookups made while building a page, and misses. */
  innerLookups: number;
  innerMisses: number;
}
