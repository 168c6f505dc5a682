import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../auth/totp.ts';
import { findUserByEmail } from '../auth/users.ts';
import { auditEntries, createHarness, TEST_PASSWORD, type Harness } from './testing/appHarness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.addUser('ana@police.example', 'police', 'analyst');
  await h.addUser('lock@council.example', 'local_authority', 'viewer');
  await h.addUser('idle@council.example', 'local_authority', 'viewer');
  await h.addUser('long@council.example', 'local_authority', 'viewer');
  await h.addUser('totp@council.example', 'local_authority', 'analyst');
  await h.addUser('admin@council.example', 'local_authority', 'administrator');
}, 120_000);
afterAll(async () => h?.close());

describe('sign-in', () => {
  it('signs in, sets a HttpOnly SameSite=Lax cookie, audits the success, and signs out', async () => {
    const b = h.anonymous();
    await b.get('/sign-in');
    const res = await b.post('/sign-in', {
      email: 'ANA@police.example',
      password: TEST_PASSWORD,
      next: '/data/imports',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/data/imports');
    const cookie = res.cookies.find((c) => c.name === 'safer_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy(); // Secure only in production, where the cookie is __Host- prefixed
    expect((await b.get('/start')).statusCode).toBe(200);
    const success = (await auditEntries(h, 'sign-in')).filter(
      (e) => e.actor_email === 'ana@police.example' && e.outcome === 'success',
    );
    expect(success).toHaveLength(1);
    expect(success[0]!.ip).toBe('127.0.0.1');
    const out = await b.post('/sign-out');
    expect(out.headers.location).toBe('/sign-in');
    expect((await b.get('/start')).statusCode).toBe(303);
    expect((await auditEntries(h, 'sign-out')).some((e) => e.actor_email === 'ana@police.example')).toBe(true);
  });

  it('refuses an open redirect after sign-in', async () => {
    const b = h.anonymous();
    await b.get('/sign-in');
    const res = await b.post('/sign-in', {
      email: 'ana@police.example',
      password: TEST_PASSWORD,
      next: '//evil.example/x',
    });
    expect(res.headers.location).toBe('/');
  });

  it('audits a failed sign-in for an unknown account with the same message as a wrong password', async () => {
    const b = h.anonymous();
    await b.get('/sign-in');
    const unknown = await b.post('/sign-in', { email: 'nobody@example.org', password: 'whatever whatever' });
    const wrong = await b.post('/sign-in', { email: 'ana@police.example', password: 'wrong wrong wrong' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toContain('Enter a correct email address and password');
    expect(wrong.body).toContain('Enter a correct email address and password');
    const failures = (await auditEntries(h, 'sign-in')).filter((e) => e.outcome === 'failure');
    expect(failures.map((f) => [f.actor_email, JSON.parse(f.details).reason])).toEqual(
      expect.arrayContaining([
        ['nobody@example.org', 'unknown account'],
        ['ana@police.example', 'wrong password'],
      ]),
    );
  });

  it('locks an account after 5 wrong passwords, refuses the right one while locked, and lets it in 15 minutes later', async () => {
    const b = h.anonymous();
    await b.get('/sign-in');
    for (let i = 0; i < 5; i++)
      expect(
        (await b.post('/sign-in', { email: 'lock@council.example', password: `wrong password ${i}` })).statusCode,
      ).toBe(401);
    expect((await b.post('/sign-in', { email: 'lock@council.example', password: TEST_PASSWORD })).statusCode).toBe(401);
    const locked = await auditEntries(h, 'account.locked');
    expect(locked.map((e) => e.actor_email)).toEqual(['lock@council.example']);
    const reasons = (await auditEntries(h, 'sign-in'))
      .filter((e) => e.actor_email === 'lock@council.example')
      .map((e) => JSON.parse(e.details).reason);
    expect(reasons).toEqual([...Array(5).fill('wrong password'), 'account locked']);
    h.advance(16);
    expect((await b.post('/sign-in', { email: 'lock@council.example', password: TEST_PASSWORD })).statusCode).toBe(303);
  });
});

describe('sessions', () => {
  it('expire after 30 idle minutes, and the expired session is deleted', async () => {
    const b = await h.signIn('idle@council.example');
    h.advance(29);
    expect((await b.get('/start')).statusCode).toBe(200);
    h.advance(29); // activity above reset the idle clock
    expect((await b.get('/start')).statusCode).toBe(200);
    h.advance(31);
    const res = await b.get('/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2F');
    expect((await auditEntries(h, 'session.expired')).map((e) => e.actor_email)).toContain('idle@council.example');
    const user = await h.t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'idle@council.example')
      .executeTakeFirstOrThrow();
    expect(
      await h.t.database.db.selectFrom('user_session').selectAll().where('user_id', '=', user.id).execute(),
    ).toHaveLength(0);
  });

  it('expire 12 hours after sign-in however active the person is', async () => {
    const b = await h.signIn('long@council.example');
    for (let i = 0; i < 35; i++) {
      h.advance(20);
      expect((await b.get('/account')).statusCode).toBe(200);
    }
    h.advance(25); // 12 h 5 min after sign-in
    expect((await b.get('/account')).statusCode).toBe(303);
  });
});

describe('CSRF', () => {
  it("rejects a sign-in form without the token and one with another browser's token", async () => {
    const a = h.anonymous();
    await a.get('/sign-in');
    const missing = await a.post('/sign-in', { email: 'ana@police.example', password: TEST_PASSWORD, _csrf: '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('did not come from Safer');
    const other = h.anonymous();
    await other.get('/sign-in');
    const stolen = await a.post('/sign-in', {
      email: 'ana@police.example',
      password: TEST_PASSWORD,
      _csrf: other.csrf,
    });
    expect(stolen.statusCode).toBe(403);
  });

  it('rejects a signed-in form post with a wrong token and changes nothing', async () => {
    const admin = await h.signIn('admin@council.example');
    const res = await admin.post('/admin/users', {
      email: 'new@example.org',
      agency: 'fire',
      role: 'viewer',
      password: TEST_PASSWORD,
      _csrf: 'forged',
    });
    expect(res.statusCode).toBe(403);
    expect(
      await h.t.database.db.selectFrom('app_user').selectAll().where('email', '=', 'new@example.org').execute(),
    ).toHaveLength(0);
    const ok = await admin.post('/admin/users', {
      email: 'new@example.org',
      agency: 'fire',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    expect(ok.statusCode).toBe(303);
  });

  it('rejects sign-out without the token', async () => {
    const b = await h.signIn('ana@police.example');
    expect((await b.post('/sign-out', { _csrf: 'nope' })).statusCode).toBe(403);
    expect((await b.get('/start')).statusCode).toBe(200);
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('is switched on with a code and then asked for at every sign-in', async () => {
    const b = await h.signIn('totp@council.example');
    const page = await b.get('/account');
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    const wrongCode = await b.post('/account/two-factor', { secret, code: '000000' });
    expect(wrongCode.statusCode).toBe(400);
    const enablingCode = totpAt(secret, h.services.now());
    expect((await b.post('/account/two-factor', { secret, code: enablingCode })).statusCode).toBe(200);

    const c = h.anonymous();
    await c.get('/sign-in');
    const step1 = await c.post('/sign-in', { email: 'totp@council.example', password: TEST_PASSWORD, next: '/' });
    expect(step1.headers.location).toBe('/sign-in/two-factor?next=%2F');
    expect((await c.get('/start')).statusCode).toBe(303); // not signed in until the code is given
    await c.get('/sign-in/two-factor?next=%2F');
    expect((await c.post('/sign-in/two-factor?next=%2F', { code: '123456' })).statusCode).toBe(401);
    expect((await c.post('/sign-in/two-factor?next=%2F', { code: enablingCode })).statusCode).toBe(401); // used to switch it on
    h.advance(1); // two 30-second steps on: a new code
    const step2 = await c.post('/sign-in/two-factor?next=%2F', { code: totpAt(secret, h.services.now()) });
    expect(step2.statusCode).toBe(303);
    expect((await c.get('/start')).statusCode).toBe(200);
    const entries = (await auditEntries(h, 'sign-in'))
      .filter((e) => e.actor_email === 'totp@council.example')
      .map((e) => `${e.outcome}:${JSON.parse(e.details).method}`);
    expect(entries).toEqual([
      'success:password',
      'failure:password+totp',
      'failure:password+totp',
      'success:password+totp',
    ]);
  });

  it('refuses a code already used, or an earlier one, with the usual message', async () => {
    // totp@council.example switched TOTP on and signed in with a code in the test above.
    const user = await findUserByEmail(h.t.database.db, 'totp@council.example');
    const secret = user!.totp_secret!;
    h.advance(1);
    const used = totpAt(secret, h.services.now());
    const earlier = totpAt(secret, new Date(h.services.now().getTime() - 30_000)); // the step before: inside the window
    const first = h.anonymous();
    await first.get('/sign-in');
    await first.post('/sign-in', { email: 'totp@council.example', password: TEST_PASSWORD, next: '/' });
    await first.get('/sign-in/two-factor?next=%2F');
    expect((await first.post('/sign-in/two-factor?next=%2F', { code: used })).statusCode).toBe(303);

    for (const code of [used, earlier]) {
      const again = h.anonymous();
      await again.get('/sign-in');
      await again.post('/sign-in', { email: 'totp@council.example', password: TEST_PASSWORD, next: '/' });
      await again.get('/sign-in/two-factor?next=%2F');
      const res = await again.post('/sign-in/two-factor?next=%2F', { code });
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('Enter the 6-digit code from your authenticator app');
      expect((await again.get('/start')).statusCode).toBe(303);
    }
    const reasons = (await auditEntries(h, 'sign-in'))
      .filter((e) => e.actor_email === 'totp@council.example')
      .slice(-2)
      .map((e) => JSON.parse(e.details).reason);
    expect(reasons).toEqual(['security code already used', 'security code already used']);
  });
});

describe('in production', () => {
  it('sends HSTS and sets Secure __Host- cookies', async () => {
    const { createApp } = await import('../app.ts');
    const { services } = await import('../services.ts');
    const { loadConfig } = await import('../config.ts');
    const config = loadConfig({
      NODE_ENV: 'production',
      SAFER_SESSION_SECRET: 'x'.repeat(40),
      SAFER_SIGN_IN_LIMIT_PER_MINUTE: '1000',
      SAFER_CASE_KEY_FILE: '/nonexistent/case-keys.json',
    });
    const app = await createApp(services({ config, database: h.t.database }));
    try {
      const form = await app.inject({ url: '/sign-in' });
      expect(form.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const pre = form.cookies.find((c) => c.name === '__Host-safer_presession')!;
      expect(pre).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
      const res = await app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: {
          cookie: `__Host-safer_presession=${pre.value}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ email: 'ana@police.example', password: TEST_PASSWORD, _csrf: csrf }).toString(),
      });
      expect(res.statusCode).toBe(303);
      expect(res.cookies.find((c) => c.name === '__Host-safer_session')).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      });
    } finally {
      await app.close();
    }
  });

  it('limits sign-in attempts per address', async () => {
    const { createApp } = await import('../app.ts');
    const { services } = await import('../services.ts');
    const { loadConfig } = await import('../config.ts');
    const app = await createApp(
      services({
        config: loadConfig({ NODE_ENV: 'test', SAFER_SIGN_IN_LIMIT_PER_MINUTE: '3' }),
        database: h.t.database,
      }),
    );
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (
            await app.inject({
              method: 'POST',
              url: '/sign-in',
              payload: 'email=a&password=b&_csrf=c',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            })
          ).statusCode,
        );
      expect(codes).toEqual([403, 403, 403, 429, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('the shell', () => {
  it('sends the security headers, no HSTS outside production', async () => {
    const res = await h.anonymous().get('/sign-in');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.body).not.toMatch(/<script>|style="/);
  });

  it('names the service Safer, with no crown, no GOV.UK logotype and no GDS Transport font', async () => {
    const page = await h.anonymous().get('/sign-in');
    expect(page.body).toContain('govuk-service-navigation__service-name');
    expect(page.body).toMatch(/>\s*Safer\s*</);
    expect(page.body).not.toMatch(/govuk-logo|govuk-header__logotype|crown/i);
    const css = await h.anonymous().get('/assets/govuk-frontend.min.css');
    expect(css.statusCode).toBe(200);
    expect(css.body).not.toContain('GDS Transport');
    expect(css.body).not.toContain('@font-face');
  });

  it('answers 404 with a page and 404 JSON under the API', async () => {
    const page = await h.anonymous().get('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page not found');
    const api = await h.app.inject({ url: '/api/v1/nothing' });
    expect(api.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Page not found' } });
  });

  it('answers 400 for an over-long body and for invalid input, with no stack trace', async () => {
    const b = await h.signIn('ana@police.example');
    const res = await b.get('/data/imports/not-a-number');
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    const big = await h.app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: `email=${'x'.repeat(100_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(big.statusCode).toBe(413);
  });

  it('says healthy when the database answers, and serves the OpenAPI description', async () => {
    expect((await h.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    const doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/batches', '/batches/{id}/counts', '/batches/{id}/undo']),
    );
  });
});
