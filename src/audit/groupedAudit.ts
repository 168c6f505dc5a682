import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type AuditEvent, recordAudit, recordAudits } from './recordAudit.ts';

/*
 * Group commit for audited reads. A read that must be in the audit log before it is answered (every view of a
 * panel case) has no change of its own to share a transaction with, so each would be a transaction of its own; and
 * every append takes the chain's lock, so at 50 readers they queue one commit at a time (bench/panels measured 155
 * reads a second on PostgreSQL). Here reads that arrive while one commit is under way wait for the next, which
 * writes all of them in one transaction. The guarantee is unchanged: each caller's promise resolves only after the
 * transaction holding its entry has committed, so nothing is shown before its read is on record; a failed batch is
 * retried entry by entry, so one bad entry fails only its own caller.
 */

const MAX_BATCH = 500;

interface Pending {
  event: AuditEvent;
  now: Date;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupedAudit {
  private readonly queue: Pending[] = [];
  private draining = false;
  /** Transactions committed so far (the test checks reads were grouped). */
  commits = 0;

  constructor(private readonly db: Kysely<DB>) {}

  record(event: AuditEvent, now: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, now, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.db.transaction().execute((trx) => recordAudits(trx, batch));
        this.commits++;
        for (const p of batch) p.resolve();
      } catch {
        for (const p of batch)
          await this.db
            .transaction()
            .execute((trx) => recordAudit(trx, p.event, p.now))
            .then(p.resolve, p.reject);
      }
    }
    this.draining = false;
  }
}

const writers = new WeakMap<Kysely<DB>, GroupedAudit>();

/** The grouped writer of one database (kept per database, like the release layer's memory). */
export function groupedAudit(db: Kysely<DB>): GroupedAudit {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new GroupedAudit(db)));
  return writer;
}
