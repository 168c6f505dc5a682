/** What bench/registers' parent (index.ts) and the app's process (server.ts) share. */

/** One bulk load of the 100,000-row file: rows written and seconds taken (null when it could not run). */
export interface LoadTiming {
  rows: number;
  seconds: number;
}

export interface RegistersServerReady {
  base: string;
  accounts: { email: string; token: string }[];
  preparedSeconds: number;
  /** Submitted weapon sweeps in the database when the app listens. */
  entries: number;
  /** importRegisterFile of the file, or why it was not available. */
  imported: LoadTiming | { unavailable: string };
  /** Plain COPY of the same file into a scratch table, before and after the import. */
  copies: LoadTiming[];
  /** COPY of the rows the import wrote into copies of the register's tables (indexes and checks): the floor. */
  storage: LoadTiming | null;
}
