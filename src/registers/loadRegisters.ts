import { readDescriptionFiles } from '../files/readDescriptionFiles.ts';
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
  const list = await readDescriptionFiles(dir, RegisterDefinition, 'register', (m) => new RegisterDefinitionError(m));
  const set = registerSet(list);
  for (const r of list)
    for (const f of r.fields)
      if (f.type === 'reference' && set.get(f.register ?? '') === undefined)
        throw new RegisterDefinitionError(
          `${join(dir, `${r.id}.json`)}: field ${f.name} names no register ${f.register}`,
        );
  return set;
}
