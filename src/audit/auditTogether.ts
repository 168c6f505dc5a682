import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type AuditEvent, recordAudits } from './recordAudit.ts';

/*
 * Audit entries of concurrent requests written together. Every append takes the log's one lock (the hash chain),
 * so under load each request's small transaction queued for the one before it to commit: bench/load's miss mix on
 * PostgreSQL spent 13 s of 38 s of statement time waiting in pg_advisory_xact_lock (474 waits in 15 s). Here the
 * first caller writes at once; whoever arrives while a write is under way joins the next one, which takes
 * everything waiting in one transaction (one lock, one read of the last hash, one insert, one commit). Each caller
 * still resolves only once its own entries are committed, so a page is never served before its reads are logged,
 * and a failed write fails every caller in it.
 */

type Entry = { event: AuditEvent; now: Date };
interface Waiting {
  entries: readonly Entry[];
  settle: (error?: unknown) => void;
}
interface Queue {
  waiting: Waiting[];
  writing: boolean;
}

const queues = new WeakMap<Kysely<DB>, Queue>();

/**
 * For an event with no other change to join (a failed sign-in, an export, a read): written as soon as the log is
 * free, in one transaction with any other such event waiting (bench/load's miss mix had each API answer's and each
 * first page read's entry take the lock alone: 156 waits of 193 ms on average in 15 s on PostgreSQL).
 */
export function recordAuditAlone(db: Kysely<DB>, event: AuditEvent, now: Date = new Date()): Promise<void> {
  return recordAuditsTogether(db, [{ event, now }]);
}

/** Appends `entries` to the audit log, in one transaction with any other caller's waiting at the time. */
export function recordAuditsTogether(db: Kysely<DB>, entries: readonly Entry[]): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  let queue = queues.get(db);
  if (queue === undefined) queues.set(db, (queue = { waiting: [], writing: false }));
  const q = queue;
  return new Promise<void>((resolve, reject) => {
    q.waiting.push({ entries, settle: (error) => (error === undefined ? resolve() : reject(error)) });
    if (!q.writing) void writeWaiting(db, q);
  });
}

async function writeWaiting(db: Kysely<DB>, queue: Queue): Promise<void> {
  queue.writing = true;
  try {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0);
      try {
        await db.transaction().execute((trx) =>
          recordAudits(
            trx,
            batch.flatMap((w) => w.entries),
          ),
        );
        for (const w of batch) w.settle();
      } catch (error) {
        for (const w of batch) w.settle(error ?? new Error('audit write failed'));
      }
    }
  } finally {
    queue.writing = false;
  }
}
