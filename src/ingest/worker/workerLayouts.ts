import type { Layout } from '../layout.ts';

/**
 * Layouts whose load() may run on an import worker (importWorker.ts): those that use only what a
 * LoadContext gives them and spend most of their time reading and checking rows, not in the database.
 * Loaded by id, so a worker imports the one layout it runs and not every importer (~1 s through tsx).
 */
export const WORKER_LAYOUTS: Readonly<Record<string, () => Promise<Layout>>> = {
  'police-uk-street': async () => (await import('../policeUk/streetLayout.ts')).policeUkStreetLayout,
};

export const loadsInWorker = (layoutId: string): boolean => Object.hasOwn(WORKER_LAYOUTS, layoutId);
