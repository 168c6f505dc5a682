import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Definition } from '../domain/definitions/definitionSchema.ts';

/** The repository's definitions/ folder. */
export const DEFINITIONS_DIR = resolve(import.meta.dirname, '../../definitions');

/**
 * Reads and validates every definitions/*.json at start. A file that does not
 * parse stops the load with its name and the first problems: a definition is
 * never half-loaded or guessed.
 */
export async function loadDefinitions(dir: string = DEFINITIONS_DIR): Promise<Definition[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const definitions: Definition[] = [];
  for (const file of files) {
    const path = join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = Definition.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new Error(`${file}: not a valid definition: ${problems.join('; ')}`);
    }
    const clash = definitions.find((d) => d.id === parsed.data.id && d.version === parsed.data.version);
    if (clash) throw new Error(`${file}: definition ${parsed.data.id} version ${parsed.data.version} is defined twice`);
    definitions.push(parsed.data);
  }
  return definitions.sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

/** Finds a definition by id (case-insensitive), latest version unless one is given. */
export function findDefinition(
  definitions: readonly Definition[],
  id: string,
  version?: number,
): Definition | undefined {
  const matches = definitions.filter(
    (d) => d.id === id.trim().toLowerCase() && (version === undefined || d.version === version),
  );
  return matches.sort((a, b) => b.version - a.version)[0];
}
