import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** TOTP (RFC 6238) over HMAC-SHA1 with 30-second steps and 6 digits: what authenticator apps expect. */
const STEP_SECONDS = 30;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error('invalid base32 character');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The HOTP value (RFC 4226) for a counter. */
export function hotp(secret: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return code.toString().padStart(digits, '0');
}

export function totpAt(secretBase32: string, at: Date, digits = 6): string {
  return hotp(base32Decode(secretBase32), Math.floor(at.getTime() / 1000 / STEP_SECONDS), digits);
}

/** The time step a code belongs to: now or one step either side, for clock drift (RFC 6238 section 5.2); null for none. */
export function totpStep(secretBase32: string, code: string, at: Date): number | null {
  const given = Buffer.from(code.replace(/\s/g, ''));
  if (!/^\d{6}$/.test(given.toString())) return null;
  const step = Math.floor(at.getTime() / 1000 / STEP_SECONDS);
  const secret = base32Decode(secretBase32);
  let matched: number | null = null;
  for (const drift of [-1, 0, 1]) {
    const expected = Buffer.from(hotp(secret, step + drift));
    if (timingSafeEqual(expected, given)) matched = step + drift;
  }
  return matched;
}

export function verifyTotp(secretBase32: string, code: string, at: Date): boolean {
  return totpStep(secretBase32, code, at) !== null;
}

/**
 * Accepts a user's code once: its step must be later than the last step accepted for them (RFC 6238
 * section 5.2), so neither the same code nor an earlier one in the window works again. The check and the
 * record are one conditional UPDATE, so two requests racing with one code cannot both win.
 */
export async function useTotpCode(
  db: Kysely<DB>,
  userId: number,
  secretBase32: string,
  code: string,
  at: Date,
): Promise<'accepted' | 'wrong' | 'used'> {
  const step = totpStep(secretBase32, code, at);
  if (step === null) return 'wrong';
  const updated = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return updated === undefined ? 'used' : 'accepted';
}

export function totpUri(secretBase32: string, email: string): string {
  return `otpauth://totp/Safer:${encodeURIComponent(email)}?secret=${secretBase32}&issuer=Safer&algorithm=SHA1&digits=6&period=30`;
}
