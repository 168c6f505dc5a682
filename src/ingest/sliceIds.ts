import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Slice ids reserved from the sequence per round trip: few for a small file, doubling for a big one. */
const FIRST_RESERVATION = 1_000;
const MAX_RESERVATION = 65_536;

/**
 * Ids from count_slice's own sequence, reserved in blocks, so rows can carry
 * their slice's id before the slice row is written.
 */
export class SliceIdReservation {
  private next = 0;
  private end = 0;
  private size = FIRST_RESERVATION;

  constructor(private readonly trx: Kysely<DB>) {}

  /** The next id; `beforeDraw` runs first whenever the database must be asked (to settle a COPY in flight). */
  async take(beforeDraw: () => Promise<void>): Promise<number> {
    if (this.next === this.end) {
      await beforeDraw();
      await this.reserve();
    }
    const id = this.next;
    this.next += 1;
    return id;
  }

  private async reserve(): Promise<void> {
    const { rows } = await sql<{ first: number; last: number }>`
      SELECT min(id)::int8 AS first, max(id)::int8 AS last FROM (
        SELECT nextval(pg_get_serial_sequence('count_slice', 'id')) AS id FROM generate_series(1, ${this.size})) s`.execute(
      this.trx,
    );
    const { first, last } = rows[0]!;
    // Consecutive unless another session draws from the sequence at the same time; then fall back to one by one.
    if (Number(last) - Number(first) + 1 === this.size) {
      this.next = Number(first);
      this.end = Number(last) + 1;
    } else {
      const one = await sql<{
        id: number;
      }>`SELECT nextval(pg_get_serial_sequence('count_slice', 'id'))::int8 AS id`.execute(this.trx);
      this.next = Number(one.rows[0]!.id);
      this.end = this.next + 1;
    }
    this.size = Math.min(MAX_RESERVATION, this.size * 2);
  }
}
