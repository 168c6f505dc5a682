import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/tempFiles.ts';
import { LOCK_FILE, tryLockDataFolder, type LockHolder } from './dataFolderLock.ts';

const dirs: { cleanup: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));
function folder(): string {
  const d = tempDir('safer-lock-');
  dirs.push(d);
  return d.dir;
}

/** The PID of a process that has already exited (a short-lived `true`). */
function deadPid(): number {
  const child = spawnSync('sh', ['-c', 'echo $$']);
  return Number(child.stdout.toString().trim());
}

function writeLock(dir: string, holder: Partial<LockHolder>): void {
  const full: LockHolder = {
    pid: 1,
    startTicks: null,
    host: hostname(),
    command: 'safer serve',
    since: '2026-01-01T00:00:00.000Z',
    socket: null,
    folder: realpathSync(dir),
    ...holder,
  };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(full));
}

describe('tryLockDataFolder', () => {
  it('owns a free folder, and a second attempt is told who holds it', () => {
    const dir = folder();
    const first = tryLockDataFolder(dir);
    if (!('owned' in first)) throw new Error('expected to own the folder');
    const second = tryLockDataFolder(dir);
    expect(second).toEqual({ heldBy: expect.objectContaining({ pid: process.pid, host: hostname() }) });
    first.owned.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('clears a lock left by a process that no longer exists', () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid() });
    const attempt = tryLockDataFolder(dir);
    expect('owned' in attempt).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('clears a lock whose PID now belongs to another process (start time differs)', () => {
    const dir = folder();
    writeLock(dir, { pid: process.pid, startTicks: '1' });
    expect('owned' in tryLockDataFolder(dir)).toBe(true);
  });

  it('clears a half-written lock (a process killed between creating and writing it)', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    expect('owned' in tryLockDataFolder(dir)).toBe(true);
  });

  it('ignores a lock copied in with the folder from elsewhere (it names another folder), even if its owner is alive', () => {
    const dir = folder();
    writeLock(dir, { pid: process.pid, folder: '/somewhere/else/.safer' });
    expect('owned' in tryLockDataFolder(dir)).toBe(true);
  });

  it('respects a lock written on another machine (a shared folder), since it cannot check that process', () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid(), host: 'another-host' });
    expect(tryLockDataFolder(dir)).toEqual({ heldBy: expect.objectContaining({ host: 'another-host' }) });
  });

  it('records the socket in place, and release leaves a lock it no longer holds alone', () => {
    const dir = folder();
    const attempt = tryLockDataFolder(dir);
    if (!('owned' in attempt)) throw new Error('expected to own the folder');
    attempt.owned.announceSocket('/tmp/x.sock');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      socket: '/tmp/x.sock',
    });
    // Someone cleared ours as stale and took the folder: our release must not delete their lock.
    writeLock(dir, { pid: process.pid, startTicks: 'other' });
    attempt.owned.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});
