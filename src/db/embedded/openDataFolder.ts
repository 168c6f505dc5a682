import { chmodSync, mkdirSync } from 'node:fs';
import type { Database } from '../database.ts';
import { DataFolderBusyError, tryLockDataFolder, type LockHolder } from './dataFolderLock.ts';
import { openPgliteHere } from './pglite.ts';
import { connectToOwner } from './shareClient.ts';
import { shareDatabase } from './shareServer.ts';

/**
 * 'share': if another Safer process owns the folder, work through it (a command beside a running server).
 * 'required': this process must own it (a server: proxied through a short-lived command, it would stop
 * working when that command ended).
 */
export type OwnerRule = 'share' | 'required';

/**
 * Opens an embedded data folder: owns it (lock, PGlite here, and a socket other Safer processes use),
 * or reaches it through the process that owns it. Never two PGlite instances on one folder.
 */
export async function openDataFolder(dataDir: string, rule: OwnerRule): Promise<Database> {
  // The folder holds the whole database: readable by its owner only, like PostgreSQL's own data directory.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const attempt = tryLockDataFolder(dataDir);
  if ('heldBy' in attempt) return throughOwner(dataDir, attempt.heldBy, rule);
  const lock = attempt.owned;
  try {
    const database = await openPgliteHere(dataDir);
    const shared = await shareDatabase(database, dataDir);
    lock.announceSocket(shared.socket);
    return {
      ...database,
      close: async () => {
        try {
          await shared.close();
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function throughOwner(dataDir: string, holder: LockHolder, rule: OwnerRule): Promise<Database> {
  if (rule === 'required') {
    throw new DataFolderBusyError(
      dataDir,
      holder,
      '. A server must own its data folder: wait for that process to finish, or stop it, then start again.',
    );
  }
  if (!holder.socket) {
    throw new DataFolderBusyError(dataDir, holder, ', which is still starting. Try again in a moment.');
  }
  try {
    return await connectToOwner(holder.socket, holder);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DataFolderBusyError(
      dataDir,
      holder,
      ` and does not answer on ${holder.socket} (${why}). If that process is hung, stop it (kill ${holder.pid}) and try again.`,
    );
  }
}
