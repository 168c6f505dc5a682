import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, openJson, seal, SealedFieldError, sealedKeyId, sealJson } from './fieldCipher.ts';
import { KeyRing, KeyRingError, openKeyRing, readKeyRing } from './keyRing.ts';

describe('sealed fields', () => {
  const ring = KeyRing.generate('k1');

  it('round-trips and never shows the plaintext', () => {
    const sealed = seal(ring, 'person.special', 'Black, Black British, Caribbean or African');
    expect(sealed).toMatch(/^v1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('Black');
    expect(open(ring, 'person.special', sealed)).toBe('Black, Black British, Caribbean or African');
    expect(openJson(ring, 'x', sealJson(ring, 'x', { ethnicity: 'A1' }))).toEqual({ ethnicity: 'A1' });
  });

  it('seals the same text differently each time (fresh nonce)', () => {
    expect(seal(ring, 'c', 'same')).not.toBe(seal(ring, 'c', 'same'));
  });

  it('refuses ciphertext moved to another column, altered, or under another key', () => {
    const sealed = seal(ring, 'person.special', 'secret');
    expect(() => open(ring, 'case_preparation.content', sealed)).toThrow(SealedFieldError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => open(ring, 'person.special', parts.join('.'))).toThrow(/tampered or moved/);
    expect(() => open(KeyRing.generate('k1'), 'person.special', sealed)).toThrow(SealedFieldError);
    expect(() => open(ring, 'person.special', 'plain text')).toThrow(/not a sealed field/);
    expect(() => open(KeyRing.generate('k2'), 'person.special', sealed)).toThrow(/no key "k1"/);
  });

  it('rotates: old fields open while both keys are held, new ones use the new key; tokens do not change', () => {
    const old = seal(ring, 'c', 'before');
    const rotated = ring.withNewCurrent('k2');
    expect(open(rotated, 'c', old)).toBe('before');
    const fresh = seal(rotated, 'c', 'after');
    expect(sealedKeyId(fresh)).toBe('k2');
    expect(rotated.token('case:1')).toBe(ring.token('case:1'));
    const trimmed = rotated.without(['k1']);
    expect(open(trimmed, 'c', fresh)).toBe('after');
    expect(() => open(trimmed, 'c', old)).toThrow(KeyRingError);
    expect(() => rotated.without(['k2'])).toThrow(/current key cannot be removed/);
  });
});

describe('the key file', () => {
  it('is created once, owner-only, and read back the same', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'safer-keys-'));
    const path = join(dir, 'nested', 'case-keys.json');
    const first = await openKeyRing(path, true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = await openKeyRing(path, true);
    expect(again.currentId).toBe(first.currentId);
    expect(open(again, 'c', seal(first, 'c', 'x'))).toBe('x');
    expect(JSON.parse(await readFile(path, 'utf8'))).toHaveProperty('token');
  });

  it('is not created when creation is off, and a bad file is named with its problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'safer-keys-'));
    await expect(openKeyRing(join(dir, 'absent.json'), false)).rejects.toThrow(/absent\.json: cannot read .*ENOENT/);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ current: 'k1', keys: { k1: 'c2hvcnQ=' }, token: 'c2hvcnQ=' }));
    await expect(readKeyRing(bad)).rejects.toThrow(/bad\.json: keys\.k1: must be 32 bytes/);
    await writeFile(bad, '{');
    await expect(readKeyRing(bad)).rejects.toThrow(/bad\.json: the case key file is not JSON/);
    const k = Buffer.alloc(32, 1).toString('base64');
    await writeFile(bad, JSON.stringify({ current: 'k9', keys: { k1: k }, token: k }));
    await expect(readKeyRing(bad)).rejects.toThrow(/current key "k9" is not in the key file/);
  });
});
