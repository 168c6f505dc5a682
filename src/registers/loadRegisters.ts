import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RegisterDefinition } from './registerSchema.ts';

export const REGISTERS_DIR = resolve(import.meta.dirname, '../../registers');

/** A register file that does not describe a register; the message names the file and what is wrong. */
export class RegisterDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegisterDefinitionError';
  }
}

/** The registers as the partnership has described them, in a fixed order (by name). */
export interface RegisterSet {
  readonly all: readonly RegisterDefinition[];
  get(id: string): RegisterDefinition | undefined;
}

export function registerSet(list: readonly RegisterDefinition[]): RegisterSet {
  const byId = new Map(list.map((r) => [r.id, r]));
  const all = [...list].sort((a, b) => a.name.localeCompare(b.name));
  return { all, get: (id) => byId.get(id) };
}

/** Reads and checks every `registers/*.json`: each against the schema, then references between registers. */
export async function loadRegisters(dir: string = REGISTERS_DIR): Promise<RegisterSet> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const list: RegisterDefinition[] = [];
  for (const file of files) {
    const path = join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new RegisterDefinitionError(`${path}: not JSON (${(error as Error).message})`);
    }
    const parsed = RegisterDefinition.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new RegisterDefinitionError(`${path}: ${first?.path.join('.') || 'register'}: ${first?.message}`);
    }
    if (`${parsed.data.id}.json` !== file)
      throw new RegisterDefinitionError(`${path}: the file is named after its id (${parsed.data.id}.json)`);
    list.push(parsed.data);
  }
  const set = registerSet(list);
  for (const r of list)
    for (const f of r.fields)
      if (f.type === 'reference' && set.get(f.register ?? '') === undefined)
        throw new RegisterDefinitionError(
          `${join(dir, `${r.id}.json`)}: field ${f.name} names no register ${f.register}`,
        );
  return set;
}
