import { sql } from 'kysely';
import type { CopyValue } from '../../db/copy.ts';
import type { LoadContext } from '../layout.ts';

const CHUNK_ROWS = 20_000;
/** Keys per DELETE statement: keeps the statement's parameters well under PostgreSQL's 65,535. */
const KEYS_PER_DELETE = 5_000;

/**
 * Writes reference rows (population, deprivation, lookups …) so that a later
 * import of the same source replaces the earlier one instead of adding to it.
 * Before each chunk is COPYed, stored rows from earlier batches that share a
 * replacement key with it (e.g. source × area) are deleted; all of it happens
 * in the import's transaction, so a rejected file leaves them in place.
 *
 * Keys are per area rather than per source so that partial files (one
 * borough's CDRC pack, a London-only extract) replace only what they cover.
 * `keyCount` says which leading row values form the key.
 */
export class ReplacingWriter {
  private pending: CopyValue[][] = [];

  constructor(
    private readonly ctx: LoadContext,
    private readonly table: string,
    /** Columns of the rows given to add(); the key columns come first. */
    private readonly columns: readonly string[],
    /** How many of the leading columns say which stored rows the new file replaces (text columns only). */
    private readonly keyCount: number,
  ) {}

  /** Buffers one row (without batch_id, which the writer adds). Stops writing once the file has a problem. */
  async add(row: readonly CopyValue[]): Promise<void> {
    if (this.ctx.problems.any) return;
    this.pending.push([...row, this.ctx.batchId]);
    if (this.pending.length >= CHUNK_ROWS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const keys = new Map<string, CopyValue[]>();
    for (const row of this.pending) {
      const key = row.slice(0, this.keyCount);
      keys.set(JSON.stringify(key), key);
    }
    const all = [...keys.values()];
    for (let i = 0; i < all.length; i += KEYS_PER_DELETE) await this.deleteEarlier(all.slice(i, i + KEYS_PER_DELETE));
    await this.ctx.copy(this.table, [...this.columns, 'batch_id'], this.pending);
    this.ctx.stats.imported += this.pending.length;
    this.pending = [];
  }

  /** Deletes rows of earlier batches with these keys (rows of this batch, from earlier chunks, stay). */
  private async deleteEarlier(keys: CopyValue[][]): Promise<void> {
    const names = this.columns.slice(0, this.keyCount);
    const aliases = sql.join(names.map((_, i) => sql.raw(`k${i}`)));
    const tuples = sql.join(keys.map((k) => sql`(${sql.join(k)})`));
    const match = sql.join(
      names.map((c, i) => sql`t.${sql.ref(c)} = k.${sql.raw(`k${i}`)}`),
      sql` AND `,
    );
    // A join on a VALUES list, not `IN (…)`: on a large table that stays a hash or index join.
    const removed = await sql`
      DELETE FROM ${sql.table(this.table)} t USING (VALUES ${tuples}) AS k (${aliases})
      WHERE ${match} AND t.batch_id <> ${this.ctx.batchId}`.execute(this.ctx.trx);
    this.ctx.stats.replaced += Number(removed.numAffectedRows ?? 0n);
  }

  /** Writes what is still buffered. */
  async finish(): Promise<void> {
    if (this.ctx.problems.any) return;
    await this.flush();
  }
}
