import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { base32Decode, base32Encode, hotp, totpAt, totpStep, useTotpCode, verifyTotp } from './totp.ts';
import { insertUser } from './users.ts';

// RFC 6238 appendix B, SHA-1, secret "12345678901234567890", 8 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('at %i seconds gives %s', (seconds, code) => {
    expect(totpAt(RFC_SECRET, new Date(seconds * 1000), 8)).toBe(code);
  });

  it('matches RFC 4226 appendix D HOTP values', () => {
    // Counter 0 → 755224, counter 9 → 520489 (6 digits).
    expect(hotp(Buffer.from('12345678901234567890'), 0)).toBe('755224');
    expect(hotp(Buffer.from('12345678901234567890'), 9)).toBe('520489');
  });

  it('accepts exactly one step of drift either side, as it checks, and nothing further', () => {
    // A code for step n is accepted while the clock is in steps n-1, n or n+1: from 30 s before its step
    // starts to the last millisecond before 60 s after; one millisecond outside that it is refused.
    const start = 56_666_666 * 30_000;
    const code = totpAt(RFC_SECRET, new Date(start));
    const at = (ms: number) => verifyTotp(RFC_SECRET, code, new Date(start + ms));
    expect([at(-30_000), at(0), at(29_999), at(30_000), at(59_999)]).toEqual([true, true, true, true, true]);
    expect([at(-30_001), at(60_000)]).toEqual([false, false]);
    expect(totpStep(RFC_SECRET, code, new Date(start - 30_000))).toBe(56_666_666);
    expect(verifyTotp(RFC_SECRET, 'abcdef', new Date(start))).toBe(false);
  });

  it('round-trips base32 (RFC 4648 "foobar" → MZXW6YTBOI)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
  });
});

describe('a TOTP code is used once (RFC 6238 section 5.2)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  }, 120_000);
  afterAll(async () => t?.drop());

  const start = 56_666_666 * 30_000;
  const codeAt = (ms: number) => totpAt(RFC_SECRET, new Date(start + ms));
  const newUser = async (email: string) =>
    (await insertUser(t.database.db, { email, agency: 'police', role: 'viewer', password: null })).id;

  it('refuses the same code a second time, even inside its window', async () => {
    const id = await newUser('once@police.example');
    expect(await useTotpCode(t.database.db, id, RFC_SECRET, codeAt(0), new Date(start))).toBe('accepted');
    expect(await useTotpCode(t.database.db, id, RFC_SECRET, codeAt(0), new Date(start + 1_000))).toBe('used');
    expect(await useTotpCode(t.database.db, id, RFC_SECRET, '000000', new Date(start))).toBe('wrong');
    expect(await useTotpCode(t.database.db, id, RFC_SECRET, codeAt(30_000), new Date(start + 30_000))).toBe('accepted');
  });

  it('refuses the code of an earlier step once a later one was used, and counts each user apart', async () => {
    const id = await newUser('later@police.example');
    const other = await newUser('other@police.example');
    expect(await useTotpCode(t.database.db, id, RFC_SECRET, codeAt(30_000), new Date(start))).toBe('accepted');
    // Step n is inside the window at start, but step n+1 was already accepted for this user.
    expect(await useTotpCode(t.database.db, id, RFC_SECRET, codeAt(0), new Date(start))).toBe('used');
    expect(await useTotpCode(t.database.db, other, RFC_SECRET, codeAt(0), new Date(start))).toBe('accepted');
  });
});
