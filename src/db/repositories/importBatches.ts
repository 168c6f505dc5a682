import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { ImportBatchTable } from '../tables/core.ts';

export type ImportBatch = Selectable<ImportBatchTable>;

export async function listImportBatches(db: Kysely<DB>): Promise<ImportBatch[]> {
  return db.selectFrom('import_batch').selectAll().orderBy('id').execute();
}
