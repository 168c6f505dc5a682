import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Current slices by area and month, carrying the series: a figure for one area reads that area's few slices a month
 * instead of every slice in the period. The figure queries filter the series with `LIKE 'prefix/%'`, which the
 * existing (series, …) indexes cannot range over under a non-"C" collation (PostgreSQL's C.UTF-8 included), so
 * PostgreSQL scanned all 200,000 slices of the demo for each area's covered months (22 ms) and each area's counts.
 * Measured on the demo (issue 16's miss mix, docs/performance.md): covered months 22 ms → 0.2 ms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'CREATE INDEX count_slice_by_area ON count_slice (area_code, month) INCLUDE (series) WHERE superseded_by IS NULL',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['DROP INDEX count_slice_by_area']);
}
