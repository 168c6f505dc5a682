import { randomInt } from 'node:crypto';

/*
 * Human references for people, referrals and cases: a prefix and eight characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), in two groups, e.g. "C-7KQ2-M9XD". Random, so a reference says nothing about how
 * many cases there are or when one was opened; the UNIQUE constraint catches the rare clash and the caller retries.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export type ReferenceKind = 'P' | 'R' | 'C';

export function newReference(kind: ReferenceKind): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${kind}-${s.slice(0, 4)}-${s.slice(4)}`;
}

export const REFERENCE_PATTERN = /^[PRC]-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
