import { createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/*
 * The keys that protect special category fields, held outside the database (decision 0017). The key file is
 * JSON: { "current": "<key id>", "keys": { "<key id>": "<32 bytes, base64>", ... }, "token": "<32 bytes, base64>" }.
 * New data is sealed with the current key; older keys stay in the file until `safer keys rotate` has re-sealed everything under the current
 * one (docs/panels.md, "Rotating the key"). `token` keys the HMAC that links anonymous counts to their case until
 * retention; it does not rotate (a new one would orphan the links). A database copied without this file holds only
 * ciphertext and tokens.
 */

const KEY_ID = /^[A-Za-z0-9._-]{1,40}$/;

const Key32 = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const KeyFileSchema = z.object({
  current: z.string().regex(KEY_ID, 'a key id of letters, digits, dot, dash or underscore'),
  keys: z.record(z.string().regex(KEY_ID), Key32),
  token: Key32,
});

export class KeyRingError extends Error {
  override name = 'KeyRingError';
}

export class KeyRing {
  private readonly keys: ReadonlyMap<string, Buffer>;
  constructor(
    readonly currentId: string,
    keys: Record<string, Buffer>,
    private readonly tokenKey: Buffer,
  ) {
    if (!KEY_ID.test(currentId)) throw new KeyRingError(`key id "${currentId}" is not allowed`);
    this.keys = new Map(Object.entries(keys));
    if (!this.keys.has(currentId)) throw new KeyRingError(`the current key "${currentId}" is not in the key file`);
  }

  /** A key ring with one fresh random key (tests, and the first start of a development machine). */
  static generate(id = `k${new Date().toISOString().slice(0, 10)}`): KeyRing {
    return new KeyRing(id, { [id]: randomBytes(32) }, randomBytes(32));
  }

  key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new KeyRingError(`no key "${id}" in the key file: was it removed before rotation finished?`);
    return key;
  }

  get current(): Buffer {
    return this.key(this.currentId);
  }

  get ids(): string[] {
    return [...this.keys.keys()];
  }

  /** A keyed hash (HMAC-SHA-256 under the token key): links a fact to its case without saying which. */
  token(text: string): string {
    return createHmac('sha256', this.tokenKey).update(text).digest('base64url');
  }

  /** The same ring with `id` added as the current key (rotation's first step). */
  withNewCurrent(id: string, key: Buffer = randomBytes(32)): KeyRing {
    if (this.keys.has(id)) throw new KeyRingError(`key id "${id}" is already in the key file`);
    return new KeyRing(id, { ...Object.fromEntries(this.keys), [id]: key }, this.tokenKey);
  }

  /** The same ring without the keys no sealed field uses any more (rotation's last step). */
  without(ids: readonly string[]): KeyRing {
    if (ids.includes(this.currentId)) throw new KeyRingError('the current key cannot be removed');
    const kept = Object.fromEntries([...this.keys].filter(([id]) => !ids.includes(id)));
    return new KeyRing(this.currentId, kept, this.tokenKey);
  }

  toJson(): string {
    const keys = Object.fromEntries([...this.keys].map(([id, k]) => [id, k.toString('base64')]));
    return `${JSON.stringify({ current: this.currentId, keys, token: this.tokenKey.toString('base64') }, null, 2)}\n`;
  }
}

/** Reads the key file; names the file and the problem. */
export async function readKeyRing(path: string): Promise<KeyRing> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new KeyRingError(`${path}: cannot read the case key file (${(error as NodeJS.ErrnoException).code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyRingError(`${path}: the case key file is not JSON`);
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new KeyRingError(`${path}: ${problems}`);
  }
  const keys = Object.fromEntries(Object.entries(parsed.data.keys).map(([id, v]) => [id, Buffer.from(v, 'base64')]));
  return new KeyRing(parsed.data.current, keys, Buffer.from(parsed.data.token, 'base64'));
}

/** Reads the key file, or (outside production) creates it with one fresh key, readable by its owner only. */
export async function openKeyRing(path: string, createIfMissing: boolean): Promise<KeyRing> {
  try {
    return await readKeyRing(path);
  } catch (error) {
    if (!createIfMissing || !(error instanceof KeyRingError) || !error.message.includes('(ENOENT)')) throw error;
  }
  const ring = KeyRing.generate();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, ring.toJson(), { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(path, 0o600);
  return readKeyRing(path);
}
