import { z } from 'zod';

export const SignInBody = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(1024),
  next: z.string().max(500).optional(),
  _csrf: z.string(),
});

export const TwoFactorBody = z.object({
  code: z.string().trim().max(12),
  _csrf: z.string(),
});

/** Only a path on this site: never `//evil.example` or an absolute URL (open redirect). */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) && !next.startsWith('/sign-in') ? next : '/';
}

export const OidcStartParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
