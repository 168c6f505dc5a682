import { closeSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * One process owns an embedded (PGlite) data folder at a time: two PGlite instances on one folder each
 * keep their own buffers and WAL position, so the second one's writes were silently lost (issue 15).
 * The owner writes `safer.lock` with O_EXCL; any other Safer process reads it and either works through
 * the owner's socket (shareSocket.ts) or is refused with who holds the folder.
 */
export const LOCK_FILE = 'safer.lock';

const Holder = z.object({
  pid: z.number().int().positive(),
  /** Process start time in clock ticks since boot (/proc/PID/stat field 22): tells a reused PID apart. */
  startTicks: z.string().nullable(),
  host: z.string(),
  command: z.string(),
  since: z.string(),
  /** The socket other Safer processes reach the owner on, or null when it shares nothing. */
  socket: z.string().nullable(),
  /** The folder's real path: a lock copied with a folder (a backup restored elsewhere) names another folder. */
  folder: z.string(),
});
export type LockHolder = z.infer<typeof Holder>;

export class DataFolderBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    reason: string,
  ) {
    super(`${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since})${reason}`);
    this.name = 'DataFolderBusyError';
  }
}

export interface DataFolderLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Records the socket other processes may use (written in place; the lock stays held). */
  announceSocket(socket: string): void;
  release(): void;
}

export type LockAttempt = { owned: DataFolderLock } | { heldBy: LockHolder };

/** Takes the folder's lock, clearing a stale one (its process gone, or its PID reused); else says who holds it. */
export function tryLockDataFolder(dataDir: string): LockAttempt {
  const path = join(dataDir, LOCK_FILE);
  const folder = realpathSync(dataDir);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const me: LockHolder = {
      pid: process.pid,
      startTicks: processStartTicks(process.pid),
      host: hostname(),
      command: describeCommand(),
      since: new Date().toISOString(),
      socket: null,
      folder,
    };
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return { owned: ownedLock(path, me) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    // A lock naming another folder was copied here with the folder's files: its owner holds that one.
    if (holder && holder.folder === folder && isAlive(holder)) return { heldBy: holder };
    clearStale(path, holder);
  }
  throw new Error(`could not take the lock ${path}: it kept changing while being cleared`);
}

export function readHolder(path: string): LockHolder | null {
  try {
    const parsed = Holder.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // Unreadable or half-written (a process killed between create and write): treated as stale.
    return null;
  }
}

/** Alive means: same machine, the PID exists, and (where /proc tells) it is the same process that wrote the lock. */
export function isAlive(holder: LockHolder): boolean {
  // A lock from another machine (a data folder on a network share) cannot be checked from here: respect it.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const ticks = processStartTicks(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

/**
 * Moves the stale lock aside before deleting it, so of two processes clearing it at once only one
 * rename succeeds; the other finds the file gone and simply retries the exclusive create.
 */
function clearStale(path: string, seen: LockHolder | null): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && seen && moved.pid !== seen.pid && isAlive(moved)) {
    // Someone took the lock between our read and our rename: give it back.
    renameSync(aside, path);
    return;
  }
  rmSync(aside, { force: true });
}

function ownedLock(path: string, holder: LockHolder): DataFolderLock {
  let current = holder;
  let released = false;
  const onExit = () => release();
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', onExit);
    const onDisk = readHolder(path);
    if (onDisk?.pid === current.pid && onDisk.startTicks === current.startTicks) rmSync(path, { force: true });
  };
  process.on('exit', onExit);
  return {
    path,
    get holder() {
      return current;
    },
    announceSocket(socket: string) {
      current = { ...current, socket };
      // Write a new file and rename it over the lock: readers never see it half-written.
      const next = `${path}.${process.pid}.tmp`;
      const fd = openSync(next, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify(current));
      } finally {
        closeSync(fd);
      }
      renameSync(next, path);
    },
    release,
  };
}

function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) may contain spaces and brackets: count fields after its closing bracket.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** "safer serve", "safer users add": the command words only, never an option's value (a password could be one). */
function describeCommand(): string {
  const script = process.argv[1]?.split('/').pop() ?? 'node';
  const words = process.argv
    .slice(2)
    .filter((a) => /^[a-z][a-z-]*$/.test(a))
    .slice(0, 2);
  return [script === 'safer.js' ? 'safer' : script, ...words].join(' ');
}
