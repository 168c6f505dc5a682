import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, type Kysely } from 'kysely';
import type { CopyRows } from '../copy.ts';
import type { CopyBinary, Database } from '../database.ts';
import type { DB } from '../schema.ts';
import { FrameReader, writeFrame } from './frames.ts';
import {
  SHARE_PROTOCOL,
  ShareRequestSchema,
  toSharedError,
  type ShareReply,
  type ShareRequest,
} from './shareProtocol.ts';

export interface SharedFolder {
  readonly socket: string;
  /** Stops taking connections, lets open ones finish (up to graceMs), then closes what is left. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Lets other Safer processes of the same user work on this process's embedded database: each
 * connection's statements run here, a transaction of theirs is a transaction here (other work waits
 * for it, as on any PostgreSQL), and one left open by a process that dies is rolled back.
 * The socket is created mode 0600 in the 0700 data folder: only the folder's owner can connect.
 */
export async function shareDatabase(database: Database, dataDir: string): Promise<SharedFolder> {
  const { socket, cleanup } = socketPath(dataDir);
  rmSync(socket, { force: true }); // left by an owner that was killed: we hold the lock now
  const connections = new Set<Socket>();
  const server = createServer((peer) => {
    connections.add(peer);
    peer.on('close', () => connections.delete(peer));
    serveConnection(database, peer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  chmodSync(socket, 0o600);
  // Sharing alone never keeps a process alive: the owner lives for its own work (a server, an import); a
  // guest's open connection does keep it alive until the guest is done.
  server.unref();
  return {
    socket,
    close: async (graceMs = 30_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + graceMs;
      while (connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      for (const peer of connections) peer.destroy();
      await closed;
      cleanup();
    },
  };
}

/** A Unix socket path is limited to ~107 bytes: a deep data folder gets a private folder in tmp instead. */
function socketPath(dataDir: string): { socket: string; cleanup: () => void } {
  const inFolder = join(dataDir, 'safer.sock');
  if (Buffer.byteLength(inFolder) <= 100) return { socket: inFolder, cleanup: () => rmSync(inFolder, { force: true }) };
  const privateDir = mkdtempSync(join(tmpdir(), 'safer-'));
  return { socket: join(privateDir, 's.sock'), cleanup: () => rmSync(privateDir, { recursive: true, force: true }) };
}

interface OpenTransaction {
  trx: Kysely<DB>;
  copy: CopyRows;
  copyBinary: CopyBinary;
  finish: (commit: boolean) => void;
  closed: Promise<void>;
}

class Rollback extends Error {}

function serveConnection(database: Database, peer: Socket): void {
  const reader = new FrameReader();
  let greeted = false;
  let tx: OpenTransaction | undefined;
  // One request at a time, in the order sent: a connection is one session.
  let queue = Promise.resolve();
  const reply = (message: ShareReply) => {
    if (!peer.destroyed) writeFrame(peer, message);
  };

  const handle = async (request: ShareRequest): Promise<void> => {
    if (request.type === 'hello') {
      if (request.protocol !== SHARE_PROTOCOL) {
        reply({
          type: 'refused',
          message: `protocol ${request.protocol} is not ${SHARE_PROTOCOL}: the two processes run different versions of Safer`,
        });
        peer.end();
        return;
      }
      greeted = true;
      reply({ type: 'welcome', protocol: SHARE_PROTOCOL, pid: process.pid, command: 'safer' });
      return;
    }
    if (!greeted) throw new Error('hello expected first');
    const { id } = request;
    try {
      switch (request.type) {
        case 'query': {
          const result = await (tx?.trx ?? database.db).executeQuery(
            CompiledQuery.raw(request.sql, [...request.parameters]),
          );
          reply({ type: 'result', id, rows: result.rows as unknown[], numAffectedRows: result.numAffectedRows });
          return;
        }
        case 'begin':
          if (tx) throw new Error('a transaction is already open on this connection');
          tx = await openTransaction(database);
          reply({ type: 'done', id });
          return;
        case 'copy':
          await requireTx(tx).copy(request.table, request.columns, request.rows);
          reply({ type: 'done', id });
          return;
        case 'copyBinary':
          await requireTx(tx).copyBinary(request.table, request.columns, request.data);
          reply({ type: 'done', id });
          return;
        case 'commit':
        case 'rollback': {
          const open = requireTx(tx);
          tx = undefined;
          open.finish(request.type === 'commit');
          await open.closed;
          reply({ type: 'done', id });
          return;
        }
      }
    } catch (error) {
      reply({ type: 'error', id, error: toSharedError(error) });
    }
  };

  peer.on('data', (chunk: Buffer) => {
    for (const raw of reader.push(chunk)) {
      const parsed = ShareRequestSchema.safeParse(raw);
      if (!parsed.success) {
        peer.destroy();
        return;
      }
      queue = queue
        .then(() => handle(parsed.data as ShareRequest))
        .catch(() => {
          peer.destroy();
        });
    }
  });
  // The other process ended or died: whatever it left open is rolled back.
  peer.on('close', () => {
    queue = queue.then(async () => {
      if (!tx) return;
      const open = tx;
      tx = undefined;
      open.finish(false);
      await open.closed;
    });
  });
  peer.on('error', () => peer.destroy());
}

function requireTx(tx: OpenTransaction | undefined): OpenTransaction {
  if (!tx) throw new Error('no transaction is open on this connection');
  return tx;
}

/** A bulk transaction held open until finish() says how it ends. */
async function openTransaction(database: Database): Promise<OpenTransaction> {
  return new Promise<OpenTransaction>((opened, failed) => {
    let begun = false;
    let decide!: (commit: boolean) => void;
    const decision = new Promise<boolean>((resolve) => (decide = resolve));
    let closedQuietly!: Promise<void>;
    const closed = database.bulkTransaction(async (trx, copy, copyBinary) => {
      begun = true;
      opened({ trx, copy, copyBinary, finish: decide, closed: closedQuietly });
      if (!(await decision)) throw new Rollback();
    });
    // A rollback we asked for is not an error; a failed COMMIT is, and reaches the commit's reply.
    closedQuietly = closed.then(
      () => undefined,
      (error: unknown) => {
        if (!begun) failed(error);
        else if (!(error instanceof Rollback)) throw error;
      },
    );
  });
}
