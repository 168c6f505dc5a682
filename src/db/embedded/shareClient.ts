import { connect, type Socket } from 'node:net';
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Database } from '../database.ts';
import type { DB } from '../schema.ts';
import { FrameReader, writeFrame } from './frames.ts';
import { fromSharedError, SHARE_PROTOCOL, type ShareReply, type ShareRequest } from './shareProtocol.ts';

type Call = { [K in ShareRequest['type']]: Omit<Extract<ShareRequest, { type: K }>, 'id'> }[Exclude<
  ShareRequest['type'],
  'hello'
>];

/** The owner went away (stopped, killed) while this process was working through it. */
export class OwnerGoneError extends Error {}

/**
 * This process's end of a shared data folder: a Database whose statements, transactions and COPYs run
 * in the process that owns the folder (shareServer.ts). One session, so Kysely gets one connection at a
 * time; a transaction holds it until it ends.
 */
export async function connectToOwner(socketPath: string, owner: { pid: number; command: string }): Promise<Database> {
  const session = await Session.open(socketPath);
  const queue = new ConnectionQueue();
  const db = new Kysely<DB>({ dialect: sharedDialect(session, queue) });
  return {
    kind: 'pglite',
    db,
    via: { pid: owner.pid, command: owner.command },
    bulkTransaction: async (work) => {
      const release = await queue.acquire();
      try {
        await session.call({ type: 'begin' });
        // Inside the transaction every statement on this session is the transaction's.
        const trx = new Kysely<DB>({ dialect: sharedDialect(session, new ConnectionQueue()) });
        try {
          const result = await work(
            trx,
            async (table, columns, rows) => void (await session.call({ type: 'copy', table, columns, rows })),
            async (table, columns, data) => void (await session.call({ type: 'copyBinary', table, columns, data })),
          );
          await session.call({ type: 'commit' });
          return result;
        } catch (error) {
          await session.call({ type: 'rollback' }).catch(() => {});
          throw error;
        }
      } finally {
        release();
      }
    },
    close: async () => {
      await db.destroy();
      session.end();
    },
  };
}

class Session {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (reply: ShareReply) => void; reject: (error: Error) => void }
  >();
  private gone: Error | undefined;

  private constructor(private readonly socket: Socket) {
    const reader = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      for (const message of reader.push(chunk)) {
        const reply = message as ShareReply;
        if (!('id' in reply)) continue;
        this.waiting.get(reply.id)?.resolve(reply);
        this.waiting.delete(reply.id);
      }
    });
    socket.on('close', () => {
      this.gone = new OwnerGoneError(
        'the Safer process that owns the data folder stopped while this command was working through it; an unfinished transaction was rolled back there',
      );
      for (const { reject } of this.waiting.values()) reject(this.gone);
      this.waiting.clear();
    });
    socket.on('error', () => socket.destroy());
  }

  static async open(path: string): Promise<Session> {
    const socket = connect(path);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const reader = new FrameReader();
    const welcome = await new Promise<ShareReply>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        const [first] = reader.push(chunk);
        if (first === undefined) return;
        socket.off('data', onData);
        resolve(first as ShareReply);
      };
      socket.on('data', onData);
      socket.once('close', () =>
        reject(new OwnerGoneError('the Safer process that owns the data folder closed the connection')),
      );
      writeFrame(socket, {
        type: 'hello',
        protocol: SHARE_PROTOCOL,
        pid: process.pid,
        command: 'safer',
      } satisfies ShareRequest);
    });
    if (welcome.type !== 'welcome')
      throw new Error(welcome.type === 'refused' ? welcome.message : 'unexpected answer from the owning process');
    socket.removeAllListeners('close');
    return new Session(socket);
  }

  call(request: Call): Promise<ShareReply & { type: 'result' | 'done' }> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        resolve: (reply) =>
          reply.type === 'error'
            ? reject(fromSharedError(reply.error))
            : resolve(reply as ShareReply & { type: 'result' | 'done' }),
        reject,
      });
      writeFrame(this.socket, { ...request, id } as ShareRequest);
    });
  }

  end(): void {
    this.socket.end();
  }
}

/** Hands out the one session to one Kysely connection at a time. */
class ConnectionQueue {
  private tail = Promise.resolve();
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

function sharedDialect(session: Session, queue: ConnectionQueue): Dialect {
  const releases = new WeakMap<DatabaseConnection, () => void>();
  const connection = (): DatabaseConnection => ({
    executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
      const reply = await session.call({ type: 'query', sql: query.sql, parameters: query.parameters });
      if (reply.type !== 'result') throw new Error('unexpected answer to a query');
      return { rows: reply.rows as R[], numAffectedRows: reply.numAffectedRows };
    },
    // eslint-disable-next-line require-yield
    streamQuery: async function* () {
      throw new Error('streaming queries are not available through a shared data folder');
    },
  });
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => {
      const release = await queue.acquire();
      const c = connection();
      releases.set(c, release);
      return c;
    },
    beginTransaction: async () => void (await session.call({ type: 'begin' })),
    commitTransaction: async () => void (await session.call({ type: 'commit' })),
    rollbackTransaction: async () => void (await session.call({ type: 'rollback' })),
    releaseConnection: async (c) => releases.get(c)?.(),
    destroy: async () => {},
  };
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
}
