import { Worker } from 'node:worker_threads';
import { CompiledQuery } from 'kysely';
import type { LoadContext } from '../layout.ts';
import { ImportRejectedError } from '../problems.ts';
import type { MainReply, WorkerJob, WorkerRequest } from './protocol.ts';

type ReplyBody = Omit<Extract<MainReply, { type: 'reply' }>, 'type' | 'id'>;

/**
 * A worker thread that runs a layout's load() while this thread keeps the
 * import's transaction (docs/decisions/0007). The worker reads, checks and
 * encodes the file; every statement and COPY it makes is sent here and run on
 * `ctx.trx` / `ctx.copy` / `ctx.copyBinary`, so the import is still one
 * transaction that any problem rolls back. On PGlite, whose statements run
 * synchronously on this thread, reading the next chunk then overlaps with
 * storing the last one instead of taking turns with it.
 *
 * Started before the file is hashed, so loading the importer's modules there
 * (~1 s through tsx) overlaps with the hashing here.
 */
export class ImportWorker {
  private readonly worker: Worker;
  private used = false;
  /** What the thread said before load() listened (a failure to load its layout), replayed by load(). */
  private early: (['message', WorkerRequest] | ['error', Error] | ['exit', number])[] = [];
  private listener: ((...event: ImportWorker['early'][number]) => void) | null = null;

  /** Starts the thread, which loads `layoutId`'s module (worker/workerLayouts.ts) while it waits for its job. */
  constructor(layoutId: string) {
    // A small young generation: the worker's garbage is short-lived row buffers, and with V8's default
    // (up to 48 MB) a 1 GB import peaked ~45 MB higher at the same speed (bench/ingest, decision 0007).
    const resourceLimits = { maxYoungGenerationSizeMb: 8 };
    this.worker = new Worker(new URL('./bootstrap.js', import.meta.url), { workerData: { layoutId }, resourceLimits });
    const hear = (...event: ImportWorker['early'][number]) =>
      this.listener ? this.listener(...event) : this.early.push(event);
    this.worker.on('message', (m: WorkerRequest) => hear('message', m));
    this.worker.on('error', (e: Error) => hear('error', e));
    this.worker.on('exit', (code: number) => hear('exit', code));
  }

  /** Loads the file on the worker; resolves once it has finished and every statement it sent has run. */
  load(ctx: LoadContext, onBytes?: (bytes: number) => void): Promise<void> {
    if (this.used) throw new Error('an import worker loads one file');
    this.used = true;
    const job: WorkerJob = {
      file: ctx.file,
      options: {
        format: ctx.options.format,
        extractDate: ctx.options.extractDate,
        encoding: ctx.options.encoding,
        importedBy: ctx.options.importedBy,
      },
      batchId: ctx.batchId,
      series: ctx.series,
      extractDate: ctx.extractDate,
    };
    const worker = this.worker;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        this.stop();
        if (error) reject(error);
        else resolve();
      };
      // The worker's statements run one at a time in the order it sent them: it sends a COPY without
      // waiting for the last one to finish (copiesQueuedInOrder), and the next starts the moment that one ends.
      let last: Promise<unknown> = Promise.resolve();
      const answer = (id: number, work: () => Promise<ReplyBody>) => {
        const run = last.then(() => (settled ? {} : work()));
        last = run.catch(() => {});
        run.then(
          (result) => {
            if (!settled) worker.postMessage({ type: 'reply', id, ...result } satisfies MainReply);
          },
          (error: unknown) => {
            if (!settled)
              worker.postMessage({ type: 'replyError', id, message: (error as Error).message } satisfies MainReply);
          },
        );
      };
      const onMessage = (message: WorkerRequest) => {
        switch (message.type) {
          case 'query':
            return answer(message.id, async () => {
              const r = await ctx.trx.executeQuery(CompiledQuery.raw(message.sql, [...message.parameters]));
              return { rows: r.rows as unknown[], numAffectedRows: r.numAffectedRows };
            });
          case 'copy':
            return answer(message.id, async () => {
              await ctx.copy(message.table, message.columns, message.rows);
              return {};
            });
          case 'copyBinary':
            return answer(message.id, async () => {
              await ctx.copyBinary(message.table, message.columns, message.data);
              return {};
            });
          case 'progress':
            return onBytes?.(message.bytes);
          case 'done':
            // Only after every statement the worker sent has run (it awaited them all before saying done).
            return void last.then(() => {
              Object.assign(ctx.stats, message.stats);
              for (const p of message.problems) ctx.problems.add(p);
              ctx.problems.total = Math.max(ctx.problems.total, message.totalProblems);
              for (const table of message.aggregatesWritten) ctx.aggregatesWritten.add(table);
              finish();
            });
          case 'failed':
            if (message.rejected)
              return finish(
                new ImportRejectedError(message.rejected.file, message.rejected.problems, message.rejected.total),
              );
            return finish(Object.assign(new Error(message.message), { stack: message.stack }));
        }
      };
      this.listener = (...event) => {
        if (event[0] === 'message') onMessage(event[1]);
        else if (event[0] === 'error') finish(event[1]);
        else
          finish(new Error(`the import worker stopped (exit code ${event[1]}) before it finished ${ctx.file.label}`));
      };
      for (const event of this.early.splice(0)) this.listener(...event);
      if (!settled) worker.postMessage({ type: 'job', job });
    });
  }

  /** Ends the thread (after load, or when the file turns out not to need it). */
  stop(): void {
    void this.worker.terminate();
  }
}
