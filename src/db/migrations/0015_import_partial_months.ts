import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * The months an import left out as partial (a stub first or last month of an MPS rolling extract:
 * src/ingest/mps/partialEdgeMonths.ts), kept on the batch so that `safer import` can report them and every
 * figure whose period includes one can say so in its data notes. Until now only the batch's free-text notes
 * said it. A JSON array of {"month": "YYYY-MM", "offences": n, "medianMonth": n}; NULL when nothing was left
 * out. A column, not a table with a batch_id: undo treats tables keyed by batch_id as reference data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`ALTER TABLE import_batch ADD COLUMN partial_months jsonb`]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`ALTER TABLE import_batch DROP COLUMN partial_months`]);
}
