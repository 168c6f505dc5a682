import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { PanelDefinition } from '../panelSchema.ts';
import { CaseRefusedError } from './panelErrors.ts';

/** A panel's definition as copied into `panel` (src/panels/loadPanels.ts syncPanels). */
export async function readPanelDefinition(db: Kysely<DB>, panelId: string): Promise<PanelDefinition> {
  const row = await db.selectFrom('panel').select('definition').where('id', '=', panelId).executeTakeFirst();
  if (!row) throw new CaseRefusedError('panel');
  const definition = typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition;
  return PanelDefinition.parse(definition);
}
