import { setFlagsFromString } from 'node:v8';

/**
 * Caps the importing thread's young generation (V8 semi-spaces) at 4 MB each,
 * as the import worker's is capped at 8 MB in all (importWorker.ts). A long
 * import allocates steadily on this thread (COPY messages, statements, PGlite's
 * protocol buffers) and V8 otherwise lets each semi-space grow to 16 MB, which
 * is resident memory the import never needs: a 1 GB police.uk file into PGlite
 * peaked ~30 MB lower with the cap, at the same speed, and into PostgreSQL ~20 MB
 * lower (bench/ingest, alternated runs; see the issue 2 notes). Process-wide, so
 * it is for the `safer import` command and the import benchmark, not for a
 * library caller or the web server, whose allocation is a different shape.
 */
export function capYoungGenerationForImport(): void {
  setFlagsFromString('--max-semi-space-size=4');
}
