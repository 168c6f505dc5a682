import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../../test/createTestDb.ts';
import { tempDir } from '../../../test/tempFiles.ts';
import type { Database } from '../database.ts';
import { makeNodefsDurable } from './durableNodefs.ts';
import { openPgliteHere } from './pglite.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(
  durable?: boolean,
): Promise<{ database: Database; pglite: Parameters<typeof makeNodefsDurable>[0] }> {
  const dir = tempDir('safer-durable-');
  cleanups.push(dir.cleanup);
  let captured: unknown;
  const database = await openPgliteHere(dir.dir, { durable, onPglite: (p) => (captured = p) });
  cleanups.push(() => database.close());
  return { database, pglite: captured as Parameters<typeof makeNodefsDurable>[0] };
}

const setting = async (database: Database, name: string) =>
  (await sql<{ v: string }>`SELECT current_setting(${name}) AS v`.execute(database.db)).rows[0]?.v;

// Embedded only: nothing here depends on the suite's engine, so the PostgreSQL run skips it.
describe.runIf(testEngine === 'pglite')('a durable PGlite data folder', () => {
  it('runs PostgreSQL with fsync on, syncing WAL with fsync()', async () => {
    const { database } = await open();
    expect([await setting(database, 'fsync'), await setting(database, 'wal_sync_method')]).toEqual(['on', 'fsync']);
  });

  it('fsyncs the WAL before a commit returns', async () => {
    const { database, pglite } = await open();
    const synced: number[] = [];
    makeNodefsDurable(pglite, (fd) => synced.push(fd));
    await sql`CREATE TABLE t (i int)`.execute(database.db);
    const before = synced.length;
    await database.db.transaction().execute((trx) => sql`INSERT INTO t VALUES (1)`.execute(trx));
    expect(synced.length - before).toBe(1);
  });

  it('does not fsync when opened for a benchmark without durability', async () => {
    const { database } = await open(false);
    expect(await setting(database, 'fsync')).toBe('off');
  });

  it('stops the process, never reporting the commit, when the disk refuses to sync', () => {
    const dir = tempDir('safer-durable-');
    cleanups.push(dir.cleanup);
    const script = join(import.meta.dirname, 'testing/failingDisk.ts');
    const run = spawnSync(process.execPath, [join(import.meta.dirname, '../../../bin/run-ts.js'), script, dir.dir], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(70);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'safer: the disk refused to save the embedded database (EIO: i/o error, fsync); stopping',
    );
  });
});
