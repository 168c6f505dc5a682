import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProvider } from '../src/auth/oidc/providers.ts';
import { startTestProvider, type TestProvider } from '../src/auth/oidc/testing/testProvider.ts';
import { createHarness, TEST_PASSWORD, type Harness } from '../src/http/testing/appHarness.ts';
import { chromiumAvailable, expectAccessible, launchChromium } from './browser.ts';
import { HomePage, SignInPage } from './pages/pages.ts';

/**
 * Single sign-on in a real browser against a real OpenID Connect provider (oidc-provider on loopback): the
 * redirects to the provider and back, its login page, the pending and refusal pages, and the provider's own
 * sign-out offered after Safer's. Every Safer page on the way is checked with axe-core.
 */
let h: Harness;
let op: TestProvider;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  h = await createHarness({ SAFER_OIDC_ALLOW_HTTP: 'true' });
  await h.addUser('admin@council.example', 'local_authority', 'administrator');
  await h.addUser('admin@nhs.example', 'health', 'administrator');
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  const client = (clientId: string) => ({
    clientId,
    clientSecret: `${clientId}-secret`,
    redirectUri: `${baseUrl}/sign-in/oidc/callback`,
    postLogoutRedirectUri: `${baseUrl}/sign-in`,
  });
  op = await startTestProvider([client('council'), client('health')]);
  op.people.set('analyst', {
    sub: 'a-1',
    email: 'analyst@council.example',
    groups: ['safer-analysts'],
    amr: ['pwd', 'mfa'],
  });
  op.people.set('nurse', { sub: 'n-1', email: 'nurse@nhs.example', amr: ['pwd'] });
  op.people.set('outsider', { sub: 'o-1', email: 'someone@elsewhere.example', groups: ['safer-analysts'] });
  const common = { clientSecret: undefined, groupsClaim: '', groupRoles: [], mfaAcrValues: [], enabled: true };
  await insertProvider(
    h.t.database.db,
    {
      ...common,
      agency: 'local_authority',
      name: 'Council Entra ID',
      issuer: op.issuer,
      clientId: 'council',
      clientSecret: 'council-secret',
      allowedDomains: ['council.example'],
      groupsClaim: 'groups',
      groupRoles: [{ group: 'safer-analysts', role: 'analyst' }],
    },
    'admin',
    new Date(),
  );
  await insertProvider(
    h.t.database.db,
    {
      ...common,
      agency: 'health',
      name: 'NHS Test Trust',
      issuer: op.issuer,
      clientId: 'health',
      clientSecret: 'health-secret',
      allowedDomains: ['nhs.example'],
    },
    'admin',
    new Date(),
  );
  browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await op?.close();
});

/** From Safer's sign-in page through the provider's login page, back to Safer. */
async function signInThrough(provider: string, login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await SignInPage.open(page, baseUrl);
  await page.getByRole('button', { name: `Sign in with ${provider}` }).click();
  await page.waitForURL((url) => url.origin === op.issuer);
  expect(await page.locator('h1').textContent()).toBe('Sign in to the test identity provider');
  await page.getByLabel('Username').fill(login);
  await page.getByRole('button', { name: 'Continue' }).click();
  // Back at Safer: the callback's own page (pending, refused) or where it redirects.
  await page.waitForURL((url) => url.origin === baseUrl);
  return page;
}

describe.skipIf(!chromiumAvailable)('single sign-on in a real browser', () => {
  it('signs in through the provider, then signs out of Safer and of the provider', async () => {
    const page = await (await browser.newContext()).newPage();
    await SignInPage.open(page, baseUrl);
    await expectAccessible(page);
    const signedIn = await signInThrough('Council Entra ID', 'analyst');
    await HomePage.verifyOnPage(signedIn);
    expect(await signedIn.locator('.app-signed-in').textContent()).toContain('analyst@council.example (analyst');
    // No token reaches the browser: not in a cookie, not in the page. (Cookies are per host, not per port:
    // the provider's own, named with a leading underscore, share the jar on 127.0.0.1.)
    const cookies = await signedIn.context().cookies(baseUrl);
    expect(cookies.map((c) => c.name).filter((n) => !n.startsWith('_'))).toEqual(['safer_session']);
    expect(await signedIn.content()).not.toMatch(/eyJ[\w-]+\.eyJ/);

    await signedIn.getByRole('button', { name: 'Sign out' }).click();
    await signedIn.waitForURL((url) => url.pathname === '/signed-out');
    expect(await signedIn.locator('h1').textContent()).toBe('You have signed out of Safer');
    await expectAccessible(signedIn);
    await signedIn.getByRole('button', { name: 'Sign out of Council Entra ID' }).click();
    await signedIn.waitForURL((url) => url.origin === op.issuer);
    await signedIn.getByRole('button', { name: /sign me out/i }).click();
    await signedIn.waitForURL((url) => url.origin === baseUrl && url.pathname === '/sign-in');
    await SignInPage.verifyOnPage(signedIn);
  });

  it('a first sign-in without a group mapping waits for approval; a refused one says why', async () => {
    const pending = await signInThrough('NHS Test Trust', 'nurse');
    expect(await pending.locator('h1').textContent()).toContain('Your account is waiting for approval');
    await expectAccessible(pending);

    const refused = await signInThrough('Council Entra ID', 'outsider');
    expect(await refused.locator('h1').textContent()).toBe('You cannot sign in');
    expect(await refused.locator('#refusal').textContent()).toContain(
      'not from a domain your organisation has allowed',
    );
    await expectAccessible(refused);
  });

  it('the administration pages for single sign-on are accessible', async () => {
    const page = await (await browser.newContext()).newPage();
    await (await SignInPage.open(page, baseUrl)).signIn('admin@council.example', TEST_PASSWORD);
    for (const path of ['/admin/users', '/admin/single-sign-on']) {
      await page.goto(`${baseUrl}${path}`);
      expect(await page.locator('h1').count()).toBe(1);
      await expectAccessible(page);
    }
    expect(await page.locator('#sso-accounts').textContent()).toContain('analyst@council.example');
    // The health administrator sees the nurse waiting for approval (previous test), with the approval form.
    const health = await (await browser.newContext()).newPage();
    await (await SignInPage.open(health, baseUrl)).signIn('admin@nhs.example', TEST_PASSWORD);
    await health.goto(`${baseUrl}/admin/users`);
    expect(await health.locator('#pending-accounts').textContent()).toContain('nurse@nhs.example');
    await expectAccessible(health);
    await health.getByRole('button', { name: 'Approve nurse@nhs.example' }).click();
    await health.waitForURL((url) => url.pathname === '/admin/users');
    expect(await health.locator('#pending-accounts').count()).toBe(0);
  });
});
