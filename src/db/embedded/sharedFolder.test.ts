import { connect } from 'node:net';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../../test/createTestDb.ts';
import { tempDir } from '../../../test/tempFiles.ts';
import type { Database } from '../database.ts';
import { FrameReader, writeFrame } from './frames.ts';
import { openDataFolder } from './openDataFolder.ts';

// The owner and the second opener live in one process here (a lock held by this very process counts as
// held), so each failure path can be driven exactly; runningServer.test.ts does the same across processes.
const open: Database[] = [];
const dirs: { cleanup: () => void }[] = [];
afterEach(async () => {
  for (const d of open.splice(0).reverse()) await d.close().catch(() => {});
  dirs.splice(0).forEach((d) => d.cleanup());
});

async function ownerAndGuest(): Promise<{ dir: string; owner: Database; guest: Database }> {
  const d = tempDir('safer-share-');
  dirs.push(d);
  const owner = await openDataFolder(d.dir, 'share');
  open.push(owner);
  await sql`CREATE TABLE note (id int PRIMARY KEY, text text)`.execute(owner.db);
  const guest = await openDataFolder(d.dir, 'share');
  open.push(guest);
  return { dir: d.dir, owner, guest };
}

const noteIds = async (db: Database['db']) =>
  (await sql<{ id: number }>`SELECT id FROM note ORDER BY id`.execute(db)).rows.map((r) => r.id);

// Embedded folders only: the PostgreSQL run of the suite has nothing of its own to add here.
describe.runIf(testEngine === 'pglite')('a data folder shared by its owner', () => {
  it('runs the guest statements in the owner, who sees a committed write at once', async () => {
    const { owner, guest } = await ownerAndGuest();
    expect(owner.via).toBeUndefined();
    expect(guest.via).toEqual({ pid: process.pid, command: expect.any(String) });
    await guest.db.transaction().execute((trx) => sql`INSERT INTO note VALUES (1, 'a'), (2, 'b')`.execute(trx));
    expect(await noteIds(owner.db)).toEqual([1, 2]);
  });

  it('rolls a failed guest transaction back whole and passes PostgreSQL error fields across', async () => {
    const { owner, guest } = await ownerAndGuest();
    const failure = guest.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO note VALUES (5, 'x')`.execute(trx);
      await sql`INSERT INTO note VALUES (5, 'again')`.execute(trx);
    });
    await expect(failure).rejects.toMatchObject({ code: '23505', message: expect.stringContaining('duplicate key') });
    expect(await noteIds(owner.db)).toEqual([]);
  });

  it('bulk-loads with COPY (text and binary) inside a guest transaction', async () => {
    const { owner, guest } = await ownerAndGuest();
    await guest.bulkTransaction(async (_trx, copy) => {
      await copy(
        'note',
        ['id', 'text'],
        [
          [7, 'seven'],
          [8, null],
        ],
      );
    });
    expect(
      (await sql<{ id: number; text: string | null }>`SELECT * FROM note ORDER BY id`.execute(owner.db)).rows,
    ).toEqual([
      { id: 7, text: 'seven' },
      { id: 8, text: null },
    ]);
  });

  it('rolls back what a guest left open when its connection drops, and the owner carries on', async () => {
    const { owner, guest } = await ownerAndGuest();
    let dropped!: () => void;
    const connectionGone = new Promise<void>((resolve) => (dropped = resolve));
    const abandoned = guest.bulkTransaction(async (trx) => {
      await sql`INSERT INTO note VALUES (9, 'never committed')`.execute(trx);
      await guest.close(); // the guest process ends mid-transaction
      dropped();
      await sql`SELECT 1`.execute(trx);
    });
    await connectionGone;
    await expect(abandoned).rejects.toThrow(/stopped while this command was working through it/);
    expect(await noteIds(owner.db)).toEqual([]);
  });

  it('refuses a process speaking another protocol version', async () => {
    const { dir } = await ownerAndGuest();
    const socket = connect(`${dir}/safer.sock`);
    const reader = new FrameReader();
    const answer = new Promise<unknown>((resolve) =>
      socket.on('data', (chunk: Buffer) => resolve(reader.push(chunk)[0])),
    );
    writeFrame(socket, { type: 'hello', protocol: 999, pid: 1, command: 'safer' });
    expect(await answer).toEqual({
      type: 'refused',
      message: 'protocol 999 is not 1: the two processes run different versions of Safer',
    });
    socket.destroy();
  });

  it('refuses to be opened by a process that must own the folder', async () => {
    const { dir } = await ownerAndGuest();
    await expect(openDataFolder(dir, 'required')).rejects.toThrow(`${dir} is in use by process ${process.pid}`);
  });
});
