import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './keyRing.ts';

/*
 * Sealing one field: AES-256-GCM with a fresh 12-byte nonce, the key id in clear so rotation knows which key
 * opens it, and the column's name as associated data, so ciphertext copied into another column (or another
 * table) fails to open instead of being read as something else.
 *
 * Format: "v1.<key id>.<nonce b64url>.<tag b64url>.<ciphertext b64url>".
 */

export class SealedFieldError extends Error {
  override name = 'SealedFieldError';
}

export function seal(ring: KeyRing, context: string, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [nonce, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return ['v1', ring.currentId, ...parts].join('.');
}

export function open(ring: KeyRing, context: string, sealed: string): string {
  const [version, keyId, nonce, tag, body, extra] = sealed.split('.');
  if (version !== 'v1' || !keyId || nonce === undefined || tag === undefined || body === undefined || extra)
    throw new SealedFieldError(`${context}: not a sealed field`);
  const decipher = createDecipheriv('aes-256-gcm', ring.key(keyId), Buffer.from(nonce, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedFieldError(`${context}: the sealed field does not open with key "${keyId}" (tampered or moved)`);
  }
}

/** Seals a JSON value; `openJson` reverses it. */
export const sealJson = (ring: KeyRing, context: string, value: unknown): string =>
  seal(ring, context, JSON.stringify(value));
export const openJson = (ring: KeyRing, context: string, sealed: string): unknown =>
  JSON.parse(open(ring, context, sealed));

/** The key id a sealed field was sealed with (rotation re-seals those not under the current key). */
export const sealedKeyId = (sealed: string): string | undefined => sealed.split('.')[1];
