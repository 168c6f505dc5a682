import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../app.ts';
import { createApiToken, type TokenScope } from '../../auth/apiTokens.ts';
import type { Role } from '../../auth/policy.ts';
import { insertUser, type AppUser } from '../../auth/users.ts';
import { loadConfig, type Config } from '../../config.ts';
import { services, type Services } from '../../services.ts';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';

/** A password that passes the rules, shared by test users. */
export const TEST_PASSWORD = 'correct horse battery staple';

export interface Harness {
  app: FastifyInstance;
  services: Services;
  t: TestDb;
  /** Moves the clock the app sees. */
  advance(minutes: number): void;
  addUser(email: string, agency: string, role: Role, password?: string): Promise<AppUser>;
  token(user: AppUser, scope: TokenScope): Promise<string>;
  signIn(email: string, password?: string): Promise<Browser>;
  anonymous(): Browser;
  close(): Promise<void>;
}

/** A cookie-keeping client for app.inject, which also picks up each page's CSRF token. */
export class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
    return res;
  }

  private get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader, ...headers } }));
  }

  /** Posts a form; `_csrf` is the page's token unless the test overrides it. */
  async post(url: string, form: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...form }).toString();
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  async postMultipart(
    url: string,
    parts: { name: string; value?: string; filename?: string; content?: Buffer }[],
  ): Promise<LightMyRequestResponse> {
    const boundary = '----saferTestBoundary7MA4YWxkTrZu0gW';
    const chunks: Buffer[] = [];
    for (const p of parts) {
      const disposition = p.filename
        ? `form-data; name="${p.name}"; filename="${p.filename}"`
        : `form-data; name="${p.name}"`;
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.filename ? 'Content-Type: text/csv\r\n' : ''}\r\n`,
        ),
      );
      chunks.push(p.content ?? Buffer.from(p.value ?? ''));
      chunks.push(Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat(chunks),
        headers: { cookie: this.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` },
      }),
    );
  }
}

/** The real app over a fresh migrated database (the engine SAFER_TEST_DB picks), with a clock tests can move. */
export async function createHarness(env: Record<string, string> = {}, database?: TestDb): Promise<Harness> {
  const t = database ?? (await createTestDb());
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    SAFER_RATE_LIMIT_PER_MINUTE: '100000',
    SAFER_SIGN_IN_LIMIT_PER_MINUTE: '1000',
    // Each harness its own case key file, made on first use (never the checkout's .safer-keys).
    SAFER_CASE_KEY_FILE: join(tmpdir(), `safer-case-keys-${process.pid}-${randomUUID()}.json`),
    ...env,
  });
  let offsetMs = 0;
  const svc = services({ config, database: t.database, now: () => new Date(Date.now() + offsetMs) });
  const app = await createApp(svc);
  await app.ready();
  const harness: Harness = {
    app,
    services: svc,
    t,
    advance: (minutes) => {
      offsetMs += minutes * 60_000;
    },
    addUser: (email, agency, role, password = TEST_PASSWORD) =>
      insertUser(t.database.db, { email, agency, role, password }),
    token: async (user, scope) => (await createApiToken(t.database.db, { userId: user.id, name: 'test', scope })).token,
    anonymous: () => new Browser(app),
    signIn: async (email, password = TEST_PASSWORD) => {
      const browser = new Browser(app);
      await browser.get('/sign-in');
      const res = await browser.post('/sign-in', { email, password, next: '/' });
      if (res.statusCode !== 303) throw new Error(`sign-in as ${email} failed: ${res.statusCode}`);
      await browser.get('/');
      return browser;
    },
    close: async () => {
      await app.close();
      await t.drop();
    },
  };
  return harness;
}

/** Audit entries for an action, oldest first. */
export async function auditEntries(h: Harness, action: string) {
  return h.t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}
