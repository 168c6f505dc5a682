import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/* Reading an evidence file back: only through the item and plan it belongs to, so a URL cannot reach another's. */

/** A stored evidence file of an item of a plan, with its bytes; undefined when there is no such file there. */
export async function evidenceFile(db: Kysely<DB>, planId: number, itemId: number, evidenceId: number) {
  const row = await db
    .selectFrom('plan_update_evidence as e')
    .innerJoin('plan_item_update as u', 'u.id', 'e.update_id')
    .innerJoin('plan_item as i', 'i.id', 'u.item_id')
    .select(['e.file_name', 'e.media_type', 'e.content', 'e.sha256'])
    .where('e.id', '=', evidenceId)
    .where('e.kind', '=', 'file')
    .where('i.id', '=', itemId)
    .where('i.plan_id', '=', planId)
    .executeTakeFirst();
  if (!row || row.content === null) return undefined;
  return {
    fileName: row.file_name ?? 'evidence',
    mediaType: row.media_type ?? 'application/octet-stream',
    content: Buffer.from(row.content),
    sha256: row.sha256 ?? '',
  };
}
