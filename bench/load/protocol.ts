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
