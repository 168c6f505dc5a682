import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * The partnership's descriptions kept as files (registers/, panels/, screening-tools/): every `*.json` in a folder,
 * each checked against its zod schema and named after its id, in file-name order. One reader, so each kind of
 * description reports a bad file the same way: the path, then the first field at fault, or "not JSON".
 */

interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export async function readDescriptionFiles<T extends { id: string }>(
  dir: string,
  schema: Schema<T>,
  /** What a whole-file problem is called in the message (e.g. "register"), and the error to throw. */
  what: string,
  fail: (message: string) => Error,
): Promise<T[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const list: T[] = [];
  for (const file of files) {
    const path = join(dir, file);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw fail(`${path}: not JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw fail(`${path}: ${first?.path.map(String).join('.') || what}: ${first?.message}`);
    }
    if (`${parsed.data.id}.json` !== file)
      throw fail(`${path}: the file is named after its id (${parsed.data.id}.json)`);
    list.push(parsed.data);
  }
  return list;
}
