import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Analysis latency at scale (issue 3, 32 boroughs × ten years): every partner
 * aggregate row carries its slice's month, indexed with the borough.
 *
 * Partner slices are ward × month, and the borough is known only on the
 * aggregate rows, so a borough's one-year figure could not pick its rows by
 * month: the (borough_code, slice_id) index of 0009 gave it the borough's rows
 * for all ten years (measured at 2,000,000 records: 61,533 rows read for
 * 4,329 kept, for "SVD by victim age"), or it probed the index once per slice
 * of every borough (7,680 probes for one year, for the person figures).
 * With (borough_code, month) a figure reads that borough's rows of the
 * period's months only. A slice's month never changes, so the copy cannot go
 * stale; src/analysis/aggregates fills it with the rest of each row.
 */
const TABLES = [
  'agg_partner_police',
  'agg_partner_police_core',
  'agg_partner_police_time',
  'agg_partner_police_lsoa',
  'agg_partner_person',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    ...[...TABLES, 'agg_partner_definition'].flatMap((table) => [
      `ALTER TABLE ${table} ADD COLUMN month date`,
      `UPDATE ${table} a SET month = s.month FROM count_slice s WHERE s.id = a.slice_id`,
      `ALTER TABLE ${table} ALTER COLUMN month SET NOT NULL`,
    ]),
    ...TABLES.flatMap((table) => [
      `DROP INDEX ${table}_borough`,
      `CREATE INDEX ${table}_borough_month ON ${table} (borough_code, month, slice_id)`,
    ]),
    'DROP INDEX agg_partner_definition_borough',
    'CREATE INDEX agg_partner_definition_borough_month ON agg_partner_definition (definition_key, borough_code, month, slice_id)',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP INDEX agg_partner_definition_borough_month',
    'CREATE INDEX agg_partner_definition_borough ON agg_partner_definition (definition_key, borough_code, slice_id)',
    ...TABLES.flatMap((table) => [
      `DROP INDEX ${table}_borough_month`,
      `CREATE INDEX ${table}_borough ON ${table} (borough_code, slice_id)`,
    ]),
    ...[...TABLES, 'agg_partner_definition'].map((table) => `ALTER TABLE ${table} DROP COLUMN month`),
  ]);
}
