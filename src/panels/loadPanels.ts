import { resolve } from 'node:path';
import { readDescriptionFiles } from '../files/readDescriptionFiles.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { PanelDefinition } from './panelSchema.ts';

export const PANELS_DIR = resolve(import.meta.dirname, '../../panels');

export class PanelDefinitionError extends Error {
  override name = 'PanelDefinitionError';
}

export interface PanelSet {
  readonly all: readonly PanelDefinition[];
  get(id: string): PanelDefinition | undefined;
}

export function panelSet(list: readonly PanelDefinition[]): PanelSet {
  const byId = new Map(list.map((p) => [p.id, p]));
  return { all: [...list].sort((a, b) => a.name.localeCompare(b.name)), get: (id) => byId.get(id) };
}

/** Reads and checks every `panels/*.json`; the error names the file and the field. */
export async function loadPanels(dir: string = PANELS_DIR): Promise<PanelSet> {
  const list = await readDescriptionFiles(dir, PanelDefinition, 'panel', (m) => new PanelDefinitionError(m));
  if (list.filter((p) => p.kind === 'mash').length > 1)
    throw new PanelDefinitionError(`${dir}: more than one panel of kind "mash"`);
  return panelSet(list);
}

/** Copies the definitions into `panel` (rows point at them); a newer version replaces the stored one. */
export async function syncPanels(db: Kysely<DB>, set: PanelSet): Promise<void> {
  for (const p of set.all) {
    await db
      .insertInto('panel')
      .values({ id: p.id, version: p.version, name: p.name, kind: p.kind, definition: JSON.stringify(p) })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({
            version: p.version,
            name: p.name,
            kind: p.kind,
            definition: JSON.stringify(p),
            loaded_at: new Date(),
          })
          .where('panel.version', '<', p.version),
      )
      .execute();
  }
}
