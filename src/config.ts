import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Parsed once at start-up; a bad value fails
 * loudly here rather than deep inside a request or an import.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  SAFER_DATA_DIR: z.string().min(1).optional(),
  // Where the web application listens. SAFER_PORT/SAFER_HOST win over the PORT/HOST that hosting
  // platforms set for every service, so Safer can be moved without changing the platform's setting;
  // `safer serve --port/--host` win over both. Default 127.0.0.1:3000 (loopback: see docs/security.md).
  SAFER_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SAFER_HOST: z.string().min(1).optional(),
  HOST: z.string().min(1).optional(),
  SAFER_SESSION_SECRET: z.string().min(32).optional(),
  SAFER_IMPORT_USER: z.string().min(1).optional(),
  SAFER_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SAFER_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  SAFER_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  SAFER_SIGN_IN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  SAFER_MAX_UPLOAD_MB: z.coerce.number().int().min(1).default(2048),
  SAFER_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** The partnership's own area (GSS code): the dashboard opens on it. Tower Hamlets by default (the demo). */
  SAFER_PARTNERSHIP_AREA: z
    .string()
    .regex(/^E(09|12|05|01)\d{6}$/, 'a GSS code such as E09000030')
    .default('E09000030'),
  /** The Chromium that prints reports to PDF (src/reports/render/pdf.ts): Debian's by default, never a downloaded one. */
  SAFER_CHROMIUM: z.string().min(1).default('/usr/bin/chromium'),
  // Single sign-on (src/auth/oidc, decision 0014): providers as a JSON array (README "Single sign-on"), the
  // address people reach Safer at (the redirect URI is <SAFER_PUBLIC_URL>/sign-in/oidc/callback), how many days
  // unseen make a single sign-on account a leaver, and plain-HTTP providers (loopback tests only, never production).
  SAFER_OIDC_PROVIDERS: z.string().optional(),
  SAFER_PUBLIC_URL: z.string().url().optional(),
  SAFER_OIDC_LEAVER_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  SAFER_OIDC_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
  // E-mail reminders (src/delivery/reminders): the SMTP server as smtp://host:port (STARTTLS when offered) or
  // smtps://host:port (TLS from the start), user and password in the URL if the server asks; the sender address.
  // No SAFER_SMTP_URL: no e-mail is sent.
  SAFER_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s/]+(:\d+)?\/?$/, 'an SMTP server as smtp://host:port or smtps://host:port')
    .optional(),
  SAFER_MAIL_FROM: z
    .string()
    .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'an e-mail address such as safer@partnership.example')
    .optional(),
  // The key file sealing special category fields of screening and panel cases (src/panels/crypto, decision 0017):
  // outside the database by design. Required in production; elsewhere `.safer-keys/case-keys.json` is made on
  // first use, readable by its owner only.
  SAFER_CASE_KEY_FILE: z.string().min(1).optional(),
});

const ROLE_NAMES = ['viewer', 'analyst', 'partnership_manager', 'data_owner', 'administrator'] as const;

/** One provider in SAFER_OIDC_PROVIDERS. */
const ConfiguredProviderSchema = z.object({
  agency: z.string().min(1),
  name: z.string().min(1).max(100),
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().default(''),
  allowedDomains: z.array(z.string().min(1)).min(1, 'list at least one e-mail domain'),
  groupsClaim: z.string().default(''),
  groupRoles: z.array(z.object({ group: z.string().min(1), role: z.enum(ROLE_NAMES) })).default([]),
  mfaAcrValues: z.array(z.string().min(1)).default([]),
});
export type ConfiguredProvider = z.infer<typeof ConfiguredProviderSchema>;

function parseProviders(text: string | undefined): ConfiguredProvider[] {
  if (!text?.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('Invalid configuration: SAFER_OIDC_PROVIDERS is not JSON');
  }
  const parsed = z.array(ConfiguredProviderSchema).safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: SAFER_OIDC_PROVIDERS ${problems}`);
  }
  return parsed.data;
}

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly database:
    | { readonly kind: 'pglite'; readonly dataDir: string }
    | { readonly kind: 'postgres'; readonly url: string };
  /** SAFER_PORT, else PORT, else 3000. */
  readonly port: number;
  /** The address to listen on: SAFER_HOST, else HOST, else 127.0.0.1. */
  readonly host: string;
  readonly sessionSecret: string | undefined;
  /** Recorded on every import batch when no signed-in user is importing. */
  readonly importUser: string;
  /** The partnership's own area (GSS code), where the dashboard opens. */
  readonly partnershipArea: string;
  /** SAFER_CHROMIUM, else /usr/bin/chromium: the browser that prints reports to PDF. */
  readonly chromiumPath: string;
  /** Single sign-on through OpenID Connect (src/auth/oidc). */
  readonly oidc: {
    readonly providers: readonly ConfiguredProvider[];
    /** SAFER_PUBLIC_URL without a trailing slash; undefined: the address the request came to. */
    readonly publicUrl: string | undefined;
    readonly leaverDays: number;
    readonly allowHttp: boolean;
  };
  /** E-mail through an SMTP server (SAFER_SMTP_URL, SAFER_MAIL_FROM); undefined: no e-mail is sent. */
  readonly mail: { readonly smtpUrl: string; readonly from: string } | undefined;
  /** The case key file (special category fields are sealed with its keys) and whether Safer may create it. */
  readonly caseKeys: { readonly file: string; readonly createIfMissing: boolean };
  /** The web application: session limits, rate limits, upload size, reverse proxy. */
  readonly web: {
    readonly sessionIdleMinutes: number;
    readonly sessionAbsoluteHours: number;
    readonly rateLimitPerMinute: number;
    readonly signInLimitPerMinute: number;
    readonly maxUploadBytes: number;
    /** Believe X-Forwarded-For/-Proto from the reverse proxy in front (see docs/security.md). */
    readonly trustProxy: boolean;
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // PORT and HOST belong to the hosting platform: not read at all (so not validated) when SAFER_PORT/SAFER_HOST is set.
  const parsed = EnvSchema.safeParse({
    ...env,
    PORT: env.SAFER_PORT === undefined ? env.PORT : undefined,
    HOST: env.SAFER_HOST === undefined ? env.HOST : undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SAFER_SESSION_SECRET) {
    throw new Error('Invalid configuration: SAFER_SESSION_SECRET is required in production');
  }
  if (e.NODE_ENV === 'production' && e.SAFER_OIDC_ALLOW_HTTP === 'true') {
    throw new Error('Invalid configuration: SAFER_OIDC_ALLOW_HTTP is for tests and is refused in production');
  }
  if (e.SAFER_SMTP_URL !== undefined && e.SAFER_MAIL_FROM === undefined)
    throw new Error('Invalid configuration: SAFER_MAIL_FROM (the sender address) is required with SAFER_SMTP_URL');
  if (e.NODE_ENV === 'production' && e.SAFER_CASE_KEY_FILE === undefined)
    throw new Error(
      'Invalid configuration: SAFER_CASE_KEY_FILE (the case key file, kept outside the database) is required in production',
    );
  const oidcProviders = parseProviders(e.SAFER_OIDC_PROVIDERS);
  const database = e.DATABASE_URL
    ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
    : ({ kind: 'pglite', dataDir: resolve(cwd, e.SAFER_DATA_DIR ?? '.safer') } as const);
  return Object.freeze({
    env: e.NODE_ENV,
    database: Object.freeze(database),
    port: e.SAFER_PORT ?? e.PORT ?? 3000,
    host: e.SAFER_HOST ?? e.HOST ?? '127.0.0.1',
    sessionSecret: e.SAFER_SESSION_SECRET,
    importUser: e.SAFER_IMPORT_USER ?? env.USER ?? 'cli',
    partnershipArea: e.SAFER_PARTNERSHIP_AREA,
    chromiumPath: e.SAFER_CHROMIUM,
    oidc: Object.freeze({
      providers: Object.freeze(oidcProviders),
      publicUrl: e.SAFER_PUBLIC_URL?.replace(/\/+$/, ''),
      leaverDays: e.SAFER_OIDC_LEAVER_DAYS,
      allowHttp: e.SAFER_OIDC_ALLOW_HTTP === 'true',
    }),
    mail:
      e.SAFER_SMTP_URL === undefined || e.SAFER_MAIL_FROM === undefined
        ? undefined
        : Object.freeze({ smtpUrl: e.SAFER_SMTP_URL, from: e.SAFER_MAIL_FROM }),
    caseKeys: Object.freeze({
      file: resolve(cwd, e.SAFER_CASE_KEY_FILE ?? '.safer-keys/case-keys.json'),
      createIfMissing: e.NODE_ENV !== 'production',
    }),
    web: Object.freeze({
      sessionIdleMinutes: e.SAFER_SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: e.SAFER_SESSION_ABSOLUTE_HOURS,
      rateLimitPerMinute: e.SAFER_RATE_LIMIT_PER_MINUTE,
      signInLimitPerMinute: e.SAFER_SIGN_IN_LIMIT_PER_MINUTE,
      maxUploadBytes: e.SAFER_MAX_UPLOAD_MB * 1024 * 1024,
      trustProxy: e.SAFER_TRUST_PROXY === 'true',
    }),
  });
}
