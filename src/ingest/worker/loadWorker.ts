/**
 * The worker thread of an import read off the main thread (importWorker.ts):
 * runs the layout's load() exactly as in-process, with every statement and
 * COPY sent to the main thread, which holds the transaction. Reading and
 * checking the file here overlaps with the embedded database storing the
 * previous chunk there.
 */
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import type { QueryResult } from 'kysely';
import type { CopyValue } from '../../db/copy.ts';
import { fileReaders } from '../fileReaders.ts';
import type { ImportStats, LoadContext } from '../layout.ts';
import { WORKER_LAYOUTS } from './workerLayouts.ts';
import { ImportRejectedError, ProblemCollector } from '../problems.ts';
import type { MainReply, WorkerJob, WorkerRequest } from './protocol.ts';
import { remoteKysely } from './remoteDialect.ts';

const port = parentPort!;
const waiting = new Map<number, { resolve: (r: MainReply) => void; reject: (e: Error) => void }>();
let nextId = 1;

port.on('message', (reply: MainReply) => {
  if (reply.type === 'job') return;
  const w = waiting.get(reply.id);
  waiting.delete(reply.id);
  if (reply.type === 'replyError') w?.reject(new Error(reply.message));
  else w?.resolve(reply);
});

type Asked = 'query' | 'copy' | 'copyBinary';
/** A request that waits for the main thread's reply (its id is added here). */
type Ask = { [K in Asked]: Omit<Extract<WorkerRequest, { type: K }>, 'id'> }[Asked];

function ask(message: Ask): Promise<MainReply> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    port.postMessage(
      { ...message, id } as WorkerRequest,
      message.type === 'copyBinary' ? transferable(message.data) : [],
    );
  });
}

/**
 * A chunk's buffer moves to the main thread rather than being copied: the writers never touch a chunk
 * again once they have sent it (BinaryCopyRows.finish). A buffer of Buffer's shared 8 KB pool, which
 * other Buffers live in, is copied as usual.
 */
function transferable(data: Uint8Array): ArrayBuffer[] {
  const buffer = data.buffer;
  return buffer instanceof ArrayBuffer && buffer.byteLength > Buffer.poolSize ? [buffer] : [];
}

const post = (message: WorkerRequest) => port.postMessage(message);

async function run(): Promise<void> {
  // Started before the file is hashed (importWorker.ts): the layout's modules load while the job,
  // which needs the batch, is made.
  const { layoutId } = workerData as { layoutId: string };
  const loadLayout = WORKER_LAYOUTS[layoutId];
  if (!loadLayout) throw new Error(`the layout ${layoutId} cannot run on an import worker`);
  const [layout, [first]] = await Promise.all([loadLayout(), once(port, 'message') as Promise<[MainReply]>]);
  if (first.type !== 'job') throw new Error(`an import worker expected its job, not ${first.type}`);
  const job: WorkerJob = first.job;
  const { file, options } = job;
  const problems = new ProblemCollector();
  const stats: ImportStats = { rowsRead: 0, imported: 0, unchanged: 0, replaced: 0 };
  const onBytes = (bytes: number) => post({ type: 'progress', bytes });
  const trx = remoteKysely(async (sql, parameters) => {
    const r = (await ask({ type: 'query', sql, parameters })) as MainReply & { type: 'reply' };
    return { rows: r.rows ?? [], numAffectedRows: r.numAffectedRows } as QueryResult<unknown>;
  });
  const ctx: LoadContext = {
    file,
    options,
    trx,
    problems,
    stats,
    copy: async (table, columns, rows) =>
      void (await ask({ type: 'copy', table, columns, rows: rows as CopyValue[][] })),
    copyBinary: async (table, columns, data) => void (await ask({ type: 'copyBinary', table, columns, data })),
    copiesQueuedInOrder: true,
    aggregatesWritten: new Set(),
    batchId: job.batchId,
    series: job.series,
    extractDate: job.extractDate,
    ...fileReaders(file, options.encoding, onBytes),
  };
  await layout.load(ctx);
  post({
    type: 'done',
    stats,
    problems: problems.listed,
    totalProblems: problems.total,
    aggregatesWritten: [...ctx.aggregatesWritten],
  });
}

run().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  const rejected =
    e instanceof ImportRejectedError ? { file: e.file, problems: [...e.problems], total: e.totalProblems } : undefined;
  post({ type: 'failed', message: e.message, stack: e.stack, rejected });
  port.close(); // nothing more to do: let the thread end
});
