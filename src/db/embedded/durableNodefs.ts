import { fsyncSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';

/**
 * PostgreSQL settings that make a commit reach the disk (docs/decisions/0011). PGlite starts PostgreSQL
 * with `-F` (fsync off); these come after it and win. `wal_sync_method=fsync` because PGlite's Emscripten
 * runtime answers fdatasync() with success without doing anything, while fsync() reaches the file
 * system's stream_ops, which makeNodefsDurable gives a real one.
 */
export const DURABLE_SETTINGS = ['-c', 'fsync=on', '-c', 'wal_sync_method=fsync'] as const;

interface EmscriptenStream {
  nfd?: number;
}
interface EmscriptenFs {
  open(path: string, flags: string): { node: { mount: { type: { stream_ops: Record<string, unknown> } } } };
  close(stream: unknown): void;
}

/**
 * Emscripten's NODEFS (the data folder as PGlite sees it) has no fsync: PostgreSQL's fsync() of a WAL
 * segment or data file returned 0 and left the bytes in the OS cache, so a power cut could lose a
 * commit Safer had reported. This gives NODEFS an fsync that calls the real one.
 *
 * A failed fsync stops the process, as PostgreSQL PANICs on a server: after one, the OS may have dropped
 * the unsaved pages, so carrying on could report as saved what is not. (Handing PGlite an EIO makes it
 * PANIC inside WebAssembly, which leaves every promise unsettled: the process would hang instead.)
 * On the next start PostgreSQL recovers from the WAL that did reach the disk.
 */
export function makeNodefsDurable(
  pglite: PGlite,
  sync: (fd: number) => void = fsyncSync,
  onFailure: (error: unknown) => never = stopProcess,
): void {
  const fs = (pglite as unknown as { Module: { FS: EmscriptenFs } }).Module.FS;
  const probe = fs.open('/pglite/data/PG_VERSION', 'r');
  const streamOps = probe.node.mount.type.stream_ops;
  fs.close(probe);
  streamOps.fsync = (stream: EmscriptenStream) => {
    if (typeof stream.nfd !== 'number') return 0;
    try {
      sync(stream.nfd);
    } catch (error) {
      onFailure(error);
    }
    return 0;
  };
}

function stopProcess(error: unknown): never {
  const why = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `safer: the disk refused to save the embedded database (${why}); stopping so that nothing unsaved is reported as saved. Check the disk, then start Safer again: it recovers what was saved.\n`,
  );
  process.exit(70);
}
