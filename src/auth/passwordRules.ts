/**
 * Password rules after NCSC guidance: a minimum length, a deny-list of
 * passwords attackers try first, no composition rules and no forced expiry.
 * Long passphrases ("three random words") are welcome up to 256 characters.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// The most common passwords of at least 12 characters in public breach corpora,
// and the obvious ones for this service. Matched case-insensitively.
const DENY_LIST = new Set([
  '123456789012', '1234567890123', 'qwertyuiopasdfgh', 'qwertyuiop123', 'password1234', 'password12345',
  'passwordpassword', 'iloveyou1234', 'abcdefghijkl', 'abc123456789', '111111111111', '000000000000',
  'administrator', 'administrator1', 'letmein12345', 'welcome12345', 'welcome123456', 'changeme1234',
  'safer1234567', 'saferpassword', 'saferpartnership', 'communitysafety', 'metropolitanpolice',
  'londonlondon', 'password123456', 'qwerty123456', '1q2w3e4r5t6y', 'zaq12wsxcde3', 'trustno1trustno1',
]);

/** Why a password is refused, or null when it may be used. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Enter a password of no more than ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (DENY_LIST.has(lower)) return 'Choose a password that is harder to guess: this one is on a list of common passwords';
  if (/^(.)\1+$/.test(password)) return 'Choose a password that is harder to guess: it repeats one character';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'Choose a password that does not contain your email address';
  return null;
}
