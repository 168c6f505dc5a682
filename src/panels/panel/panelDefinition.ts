import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { PanelDefinition } from '../panelSchema.ts';
import { CaseRefusedError } from './panelErrors.ts';

/*
 * A panel's definition as copied into `panel` (src/panels/loadPanels.ts syncPanels). Every case page needs its
 * panel's outcomes and closure reasons, so a definition's text is parsed and checked once and remembered by that
 * text: a definition changed by syncPanels is new text, parsed afresh; an unchanged one costs a lookup.
 */

const parsed = new Map<string, PanelDefinition>();
/** Enough for every panel a partnership defines, a few times over as they are revised. */
const KEEP = 64;

/** The definition a `panel.definition` column holds, given as text (`definition::text`). */
export function panelDefinitionFrom(text: string): PanelDefinition {
  let definition = parsed.get(text);
  if (!definition) {
    definition = PanelDefinition.parse(JSON.parse(text));
    if (parsed.size >= KEEP) parsed.clear();
    parsed.set(text, definition);
  }
  return definition;
}

/** `panel.definition` as text, for panelDefinitionFrom. */
export const definitionText = sql<string>`p.definition::text`;

export async function readPanelDefinition(db: Kysely<DB>, panelId: string): Promise<PanelDefinition> {
  const row = await db
    .selectFrom('panel as p')
    .select(definitionText.as('definition'))
    .where('p.id', '=', panelId)
    .executeTakeFirst();
  if (!row) throw new CaseRefusedError('panel');
  return panelDefinitionFrom(row.definition);
}
