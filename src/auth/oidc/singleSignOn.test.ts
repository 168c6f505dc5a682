import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, type Browser, createHarness, type Harness } from '../../http/testing/appHarness.ts';
import type { Classification } from '../../db/tables/core.ts';
import { canExportData, canReadData, ROLES } from '../policy.ts';
import { totpAt } from '../totp.ts';
import { disableLeavers } from './oidcAccounts.ts';
import { syncConfiguredProviders } from './providers.ts';
import { signInAtProvider, startTestProvider, type TestProvider } from './testing/testProvider.ts';

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider on loopback) through the app's own routes:
 * one provider with two clients, for two agencies' Safer providers: health (no group mapping: first sign-in waits
 * for approval) and local_authority (groups map to roles, and MFA at the provider is described by `acr`).
 */
const SAFER = 'http://safer.test';
const CALLBACK = `${SAFER}/sign-in/oidc/callback`;
let op: TestProvider;
let h: Harness;
let healthId: number;
let councilId: number;
let probationId: number;

beforeAll(async () => {
  op = await startTestProvider([
    {
      clientId: 'safer-health',
      clientSecret: 'health-secret',
      redirectUri: CALLBACK,
      postLogoutRedirectUri: `${SAFER}/sign-in`,
    },
    {
      clientId: 'safer-council',
      clientSecret: 'council-secret',
      redirectUri: CALLBACK,
      postLogoutRedirectUri: `${SAFER}/sign-in`,
    },
    {
      clientId: 'safer-probation',
      clientSecret: 'probation-secret',
      redirectUri: CALLBACK,
      postLogoutRedirectUri: `${SAFER}/sign-in`,
    },
  ]);
  const everyRole = ROLES.map((role) => ({ group: `role-${role}`, role }));
  const providers = [
    {
      agency: 'health',
      name: 'NHS Test Trust',
      issuer: op.issuer,
      clientId: 'safer-health',
      clientSecret: 'health-secret',
      allowedDomains: ['nhs.example'],
    },
    {
      agency: 'local_authority',
      name: 'Council Entra ID',
      issuer: op.issuer,
      clientId: 'safer-council',
      clientSecret: 'council-secret',
      allowedDomains: ['council.example'],
      groupsClaim: 'groups',
      groupRoles: [
        { group: 'safer-admins', role: 'administrator' },
        { group: 'safer-analysts', role: 'analyst' },
        ...everyRole,
      ],
      mfaAcrValues: ['urn:test:loa:mfa'],
    },
    {
      agency: 'probation',
      name: 'Probation IdP',
      issuer: op.issuer,
      clientId: 'safer-probation',
      clientSecret: 'probation-secret',
      allowedDomains: ['probation.example'],
      groupsClaim: 'groups',
      groupRoles: everyRole,
    },
  ];
  h = await createHarness({
    SAFER_OIDC_PROVIDERS: JSON.stringify(providers),
    SAFER_PUBLIC_URL: SAFER,
    SAFER_OIDC_ALLOW_HTTP: 'true',
    SAFER_OIDC_LEAVER_DAYS: '60',
  });
  await h.addUser('admin@health.example', 'health', 'administrator');
  await h.addUser('admin@police.example', 'police', 'administrator');
  await h.addUser('taken@council.example', 'local_authority', 'viewer');
  // The sign-in page writes the configured providers to the database on first use.
  const page = await h.anonymous().get('/sign-in');
  expect(page.body).toContain('Sign in with NHS Test Trust');
  const rows = await h.t.database.db.selectFrom('oidc_provider').select(['id', 'client_id']).execute();
  healthId = rows.find((r) => r.client_id === 'safer-health')!.id;
  councilId = rows.find((r) => r.client_id === 'safer-council')!.id;
  probationId = rows.find((r) => r.client_id === 'safer-probation')!.id;
  for (const p of [
    { sub: 'nurse-1', email: 'nurse@nhs.example', name: 'A Nurse', amr: ['pwd'] },
    { sub: 'outsider-1', email: 'someone@gmail.example', amr: ['pwd', 'mfa'] },
    {
      sub: 'analyst-1',
      email: 'analyst@council.example',
      groups: ['staff', 'safer-analysts'],
      amr: ['pwd'],
      acr: 'urn:test:loa:mfa',
    },
    { sub: 'admin-1', email: 'boss@council.example', groups: ['safer-admins'], amr: ['pwd', 'mfa'] },
    { sub: 'nogroup-1', email: 'cleaner@council.example', groups: ['staff'], amr: ['pwd', 'mfa'] },
    { sub: 'twin-1', email: 'taken@council.example', groups: ['safer-analysts'], amr: ['pwd', 'mfa'] },
    {
      sub: 'pwdonly-1',
      email: 'pwdonly@council.example',
      groups: ['safer-analysts'],
      amr: ['pwd'],
      acr: 'urn:test:loa:1',
    },
  ]) {
    op.people.set(p.sub, p);
  }
}, 300_000);
afterAll(async () => {
  await h?.close();
  await op?.close();
});

/** A browser that starts at Safer, signs in at the provider as `login`, and comes back to the callback. */
async function viaProvider(providerId: number, login: string, browser: Browser = h.anonymous()) {
  const start = await browser.get(`/sign-in/oidc/${providerId}?next=/account`);
  expect(start.statusCode).toBe(303);
  const authorisation = new URL(start.headers.location as string);
  expect(authorisation.origin).toBe(op.issuer);
  expect(authorisation.searchParams.get('code_challenge_method')).toBe('S256');
  const back = await signInAtProvider(authorisation.href, login);
  expect(back.origin + back.pathname).toBe(CALLBACK);
  const callback = await browser.get(back.pathname + back.search);
  return { browser, callback, back };
}

const users = (email: string) =>
  h.t.database.db.selectFrom('app_user').selectAll().where('email', '=', email).execute();

async function lastSignInAudit() {
  const entries = await auditEntries(h, 'sign-in');
  const last = entries.at(-1)!;
  return { ...last, details: JSON.parse(last.details) as Record<string, unknown> };
}

describe('first sign-in without a group mapping waits for an administrator of that agency', () => {
  it('makes a pending account of the provider agency, which cannot sign in yet', async () => {
    const { callback } = await viaProvider(healthId, 'nurse-1');
    expect(callback.statusCode).toBe(200);
    expect(callback.body).toContain('Your account is waiting for approval');
    const [user] = await users('nurse@nhs.example');
    expect(user).toMatchObject({ agency_code: 'health', disabled: true, password_hash: null });
    const identity = await h.t.database.db
      .selectFrom('user_identity')
      .selectAll()
      .where('user_id', '=', user!.id)
      .execute();
    expect(identity).toEqual([{ user_id: user!.id, provider: op.issuer, subject: 'nurse-1' }]);
    const created = (await auditEntries(h, 'user.create')).at(-1)!;
    expect(JSON.parse(created.details)).toMatchObject({ method: 'oidc', pending: expect.any(String) });

    const again = await viaProvider(healthId, 'nurse-1');
    expect(again.callback.body).toContain('waiting for approval');
    expect(await users('nurse@nhs.example')).toHaveLength(1);
    expect(await lastSignInAudit()).toMatchObject({ outcome: 'failure', details: { reason: 'awaiting-approval' } });
  });

  it('is listed for, and approved only by, an administrator of that agency; then the person signs in', async () => {
    const [user] = await users('nurse@nhs.example');
    const police = await h.signIn('admin@police.example');
    expect((await police.get('/admin/users')).body).not.toContain('id="pending-accounts"');
    const refused = await police.post(`/admin/users/${user!.id}/approval`, { decision: 'approve', role: 'analyst' });
    expect(refused.statusCode).toBe(403);
    expect((await users('nurse@nhs.example'))[0]!.disabled).toBe(true);

    const health = await h.signIn('admin@health.example');
    const page = await health.get('/admin/users');
    expect(page.body).toContain('Waiting for approval');
    expect(page.body).toContain('nurse@nhs.example');
    const approved = await health.post(`/admin/users/${user!.id}/approval`, { decision: 'approve', role: 'analyst' });
    expect(approved.statusCode).toBe(303);
    expect((await users('nurse@nhs.example'))[0]).toMatchObject({ disabled: false, role: 'analyst' });
    const update = (await auditEntries(h, 'user.update')).at(-1)!;
    expect(update.actor_email).toBe('admin@health.example');
    expect(JSON.parse(update.details)).toMatchObject({ approval: 'approved', after: { role: 'analyst' } });

    const { browser, callback } = await viaProvider(healthId, 'nurse-1');
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/account');
    expect((await browser.get('/account')).body).toContain('nurse@nhs.example');
    expect(await lastSignInAudit()).toMatchObject({
      outcome: 'success',
      details: { method: 'oidc', provider: 'NHS Test Trust', mfa: false },
    });
  });
});

describe('groups map to roles', () => {
  it('gives the first mapped role at first sign-in, with no approval, and MFA at the provider (acr) is the second factor', async () => {
    const { browser, callback } = await viaProvider(councilId, 'analyst-1');
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe('/account');
    expect((await users('analyst@council.example'))[0]).toMatchObject({
      agency_code: 'local_authority',
      role: 'analyst',
      disabled: false,
    });
    expect((await browser.get('/account')).statusCode).toBe(200);
  });

  it('follows a change of groups at the provider on the next sign-in, audited', async () => {
    op.people.set('analyst-1', { ...op.people.get('analyst-1')!, groups: ['safer-admins'] });
    const { callback } = await viaProvider(councilId, 'analyst-1');
    expect(callback.statusCode).toBe(303);
    expect((await users('analyst@council.example'))[0]!.role).toBe('administrator');
    const update = (await auditEntries(h, 'user.update')).at(-1)!;
    expect(JSON.parse(update.details)).toMatchObject({ before: { role: 'analyst' }, after: { role: 'administrator' } });
  });
});

describe('the provider’s multi-factor authentication counts only when the ID token says so', () => {
  it('amr without "mfa" and an acr that is not listed: Safer’s own TOTP is asked for', async () => {
    const first = await viaProvider(councilId, 'pwdonly-1');
    expect(first.callback.headers.location).toBe('/account');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await h.t.database.db
      .updateTable('app_user')
      .set({ totp_secret: secret })
      .where('email', '=', 'pwdonly@council.example')
      .execute();
    const { browser, callback } = await viaProvider(councilId, 'pwdonly-1');
    expect(callback.headers.location).toBe('/sign-in/two-factor?next=%2Faccount');
    expect((await browser.get('/account')).statusCode).not.toBe(200);
    await browser.get('/sign-in/two-factor?next=%2Faccount');
    const done = await browser.post('/sign-in/two-factor?next=%2Faccount', { code: totpAt(secret, h.services.now()) });
    expect(done.statusCode).toBe(303);
    expect((await browser.get('/account')).statusCode).toBe(200);
    expect(await lastSignInAudit()).toMatchObject({ outcome: 'success', details: { method: 'oidc+totp' } });
  });

  it('amr with "mfa": no TOTP even when the account has it', async () => {
    await viaProvider(councilId, 'admin-1');
    await h.t.database.db
      .updateTable('app_user')
      .set({ totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
      .where('email', '=', 'boss@council.example')
      .execute();
    const { browser, callback } = await viaProvider(councilId, 'admin-1');
    expect(callback.headers.location).toBe('/account');
    expect((await browser.get('/account')).statusCode).toBe(200);
    expect(await lastSignInAudit()).toMatchObject({ details: { mfa: true, amr: ['pwd', 'mfa'] } });
  });
});

describe('refusals: a clear page, an audit entry, no account', () => {
  async function expectRefused(callback: { statusCode: number; body: string }, reason: string, email?: string) {
    expect(callback.statusCode).toBe(403);
    expect(callback.body).toContain('You cannot sign in');
    expect(callback.body).toContain(`data-reason="${reason}"`);
    expect(await lastSignInAudit()).toMatchObject({ outcome: 'failure', details: { method: 'oidc', reason } });
    if (email) expect(await users(email)).toEqual([]);
  }

  it('a domain the agency does not allow', async () => {
    op.people.set('outsider-2', { sub: 'outsider-2', email: 'someone@gmail.example', groups: ['safer-analysts'] });
    await expectRefused((await viaProvider(councilId, 'outsider-2')).callback, 'domain', 'someone@gmail.example');
  });

  it('groups that map to no role', async () => {
    await expectRefused(
      (await viaProvider(councilId, 'nogroup-1')).callback,
      'unmapped-group',
      'cleaner@council.example',
    );
  });

  it('an e-mail address that already has an account is never matched to it', async () => {
    await expectRefused((await viaProvider(councilId, 'twin-1')).callback, 'email-taken');
    const identities = await h.t.database.db
      .selectFrom('user_identity')
      .selectAll()
      .where('subject', '=', 'twin-1')
      .execute();
    expect(identities).toEqual([]);
  });

  it('a wrong state', async () => {
    const browser = h.anonymous();
    const start = await browser.get(`/sign-in/oidc/${councilId}`);
    const back = await signInAtProvider(start.headers.location as string, 'nogroup-1');
    back.searchParams.set('state', 'not-the-state-this-browser-sent');
    await expectRefused(await browser.get(back.pathname + back.search), 'state');
  });

  it('a callback in a browser that started no sign-in', async () => {
    const start = await h.anonymous().get(`/sign-in/oidc/${councilId}`);
    const back = await signInAtProvider(start.headers.location as string, 'nogroup-1');
    await expectRefused(await h.anonymous().get(back.pathname + back.search), 'no-login');
  });

  const newcomer = { sub: 'new-1', email: 'new@council.example', groups: ['safer-analysts'], amr: ['pwd', 'mfa'] };
  it.each([
    ['a wrong nonce', 'nonce', { claims: (c: Record<string, unknown>) => ({ ...c, nonce: 'another-sign-in' }) }],
    [
      'an expired ID token',
      'expired-token',
      {
        claims: (c: Record<string, unknown>) => ({
          ...c,
          iat: Math.floor(Date.now() / 1000) - 7200,
          exp: Math.floor(Date.now() / 1000) - 3600,
        }),
      },
    ],
    ['a forged ID token', 'forged-token', { forge: true }],
    [
      'an issuer that is not the configured one',
      'issuer',
      { claims: (c: Record<string, unknown>) => ({ ...c, iss: 'https://rogue.example' }) },
    ],
  ] as const)('%s', async (_name, reason, tamper) => {
    op.people.set('new-1', newcomer);
    op.tamper = tamper;
    try {
      await expectRefused((await viaProvider(councilId, 'new-1')).callback, reason, 'new@council.example');
    } finally {
      op.tamper = null;
    }
  });
});

describe('administration', () => {
  it('an administrator adds a provider for their own agency only, and cannot change configured or other agencies’ ones', async () => {
    const police = await h.signIn('admin@police.example');
    const page = await police.get('/admin/single-sign-on');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Add a provider for Police');
    const missing = await police.post('/admin/single-sign-on', {
      name: 'Force IdP',
      issuer: op.issuer,
      clientId: 'force',
      allowedDomains: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter at least one email domain');
    const added = await police.post('/admin/single-sign-on', {
      name: 'Force IdP',
      issuer: op.issuer,
      clientId: 'force',
      clientSecret: 'force-secret',
      allowedDomains: 'police.example, @Force.Example',
      groupsClaim: 'groups',
      groupRoles: 'officers = viewer\nanalysts = analyst',
    });
    expect(added.statusCode).toBe(303);
    const row = await h.t.database.db
      .selectFrom('oidc_provider')
      .selectAll()
      .where('client_id', '=', 'force')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      agency_code: 'police',
      source: 'admin',
      allowed_domains: 'police.example force.example',
      client_secret: 'force-secret',
    });
    expect(JSON.parse(row.group_roles)).toEqual([
      { group: 'officers', role: 'viewer' },
      { group: 'analysts', role: 'analyst' },
    ]);
    // The change is audited with its settings, never the secret.
    const audit = await h.t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_agency', 'details'])
      .where('action', '=', 'oidc.provider.create')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'oidc.provider.create', actor_agency: 'police' });
    expect(JSON.parse(String(audit.details))).toMatchObject({
      clientId: 'force',
      issuer: op.issuer,
      secretChanged: true,
    });
    expect(String(audit.details)).not.toContain('force-secret');
    const again = await police.post('/admin/single-sign-on', {
      name: 'Force IdP again',
      issuer: op.issuer,
      clientId: 'force',
      allowedDomains: 'police.example',
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('already has a provider with this issuer and client ID');
    await expect(
      syncConfiguredProviders(
        h.t.database.db,
        [{ ...h.services.config.oidc.providers[0]!, agency: 'no_such_agency' }],
        new Date(),
      ),
    ).rejects.toThrow(/names agency no_such_agency/);
    const listed = await police.get('/admin/single-sign-on');
    expect(listed.body).not.toContain('force-secret');
    expect((await h.anonymous().get('/sign-in')).body).toContain('Sign in with Force IdP');

    const health = await h.signIn('admin@health.example');
    await health.get('/admin/single-sign-on');
    const change = { name: 'Mine now', issuer: op.issuer, clientId: 'x', allowedDomains: 'nhs.example' };
    expect((await health.post(`/admin/single-sign-on/${row.id}`, change)).statusCode).toBe(403);
    expect((await health.post(`/admin/single-sign-on/${healthId}`, change)).statusCode).toBe(403);
    const own = await police.post(`/admin/single-sign-on/${row.id}`, {
      ...change,
      allowedDomains: 'police.example',
      enabled: 'false',
    });
    expect(own.statusCode).toBe(303);
    expect((await h.anonymous().get('/sign-in')).body).not.toContain('Sign in with Mine now');
  });

  it('shows who signed in how and when; a pending account is decided only through approval', async () => {
    op.people.set('porter-1', { sub: 'porter-1', email: 'porter@nhs.example', amr: ['pwd'] });
    await viaProvider(healthId, 'porter-1');
    const [porter] = await users('porter@nhs.example');
    const police = await h.signIn('admin@police.example');
    const sso = await police.get('/admin/single-sign-on');
    expect(sso.body).toMatch(
      /nurse@nhs\.example<\/td>\s*<td class="govuk-table__cell">health, analyst<\/td>\s*<td class="govuk-table__cell">NHS Test Trust/,
    );
    expect((await police.get('/admin/users')).body).toContain('Signs in with NHS Test Trust');
    // The general form cannot switch a pending account on, whoever sends it.
    await police.get('/admin/users');
    const sneak = await police.post(`/admin/users/${porter!.id}`, {
      agency: 'health',
      role: 'analyst',
      disabled: 'false',
    });
    expect(sneak.statusCode).toBe(403);
    const health = await h.signIn('admin@health.example');
    await health.get('/admin/users');
    expect((await health.post(`/admin/users/${porter!.id}/approval`, { decision: 'refuse' })).statusCode).toBe(303);
    expect((await users('porter@nhs.example'))[0]).toMatchObject({ disabled: true, role: 'viewer' });
    expect(JSON.parse((await auditEntries(h, 'user.update')).at(-1)!.details)).toMatchObject({ approval: 'refused' });
    const { callback } = await viaProvider(healthId, 'porter-1');
    expect(callback.body).toContain('data-reason="disabled"');
  });
});

describe('accounts made through single sign-on are held to the same role × classification × agency rules', () => {
  const CLASSES: Classification[] = ['public', 'partnership', 'restricted', 'personal'];
  const OWNER = 'local_authority';
  const batchOf = new Map<Classification, number>();
  const people: { role: (typeof ROLES)[number]; own: boolean; browser: Browser; agency: string; id: number }[] = [];

  beforeAll(async () => {
    const db = h.t.database.db;
    for (const [i, classification] of CLASSES.entries()) {
      const b = await db
        .insertInto('import_batch')
        .values({
          file_name: `${classification}.csv`,
          file_path: `/x/${classification}.csv`,
          sha256: String(i).repeat(64),
          layout: 'test',
          series: `test/${classification}`,
          extract_date: '2026-01-01',
          imported_by: 'test',
          classification,
          owning_agency: OWNER,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      batchOf.set(classification, b.id);
    }
    // Every role, of the owning agency (council provider) and of another (probation provider), by groups.
    for (const role of ROLES) {
      for (const own of [true, false]) {
        const sub = `matrix-${role}-${own ? 'own' : 'other'}`;
        op.people.set(sub, {
          sub,
          email: `${role}.matrix@${own ? 'council' : 'probation'}.example`,
          groups: [`role-${role}`],
          amr: ['pwd', 'mfa'],
        });
        const { browser, callback } = await viaProvider(own ? councilId : probationId, sub);
        expect(callback.statusCode).toBe(303);
        const [user] = await users(`${role}.matrix@${own ? 'council' : 'probation'}.example`);
        expect(user).toMatchObject({ role, agency_code: own ? OWNER : 'probation' });
        people.push({ role, own, browser, agency: user!.agency_code, id: user!.id });
      }
    }
  }, 120_000);

  it.each(ROLES.flatMap((role) => [true, false].map((own) => [role, own ? 'the owning' : 'another'] as const)))(
    '%s of %s agency: pages, lists and exports follow the rules',
    async (role, agency) => {
      const own = agency === 'the owning';
      const person = people.find((p) => p.role === role && p.own === own)!;
      const actor = { id: person.id, email: '', agency: person.agency, role };
      const list = (await person.browser.get('/data/imports')).body;
      for (const c of CLASSES) {
        const id = batchOf.get(c)!;
        const resource = { classification: c, owningAgency: OWNER };
        const canRead = canReadData(actor, resource);
        const canExport = canExportData(actor, resource);
        expect((await person.browser.get(`/data/imports/${id}`)).statusCode, c).toBe(canRead ? 200 : 404);
        expect(list.includes(`href="/data/imports/${id}"`), c).toBe(canRead);
        expect((await person.browser.get(`/data/imports/${id}/export.csv`)).statusCode, c).toBe(
          canExport ? 200 : canRead ? 403 : 404,
        );
      }
      expect((await person.browser.get('/admin/users')).statusCode).toBe(role === 'administrator' ? 200 : 403);
    },
  );
});

describe('leavers and sign-out', () => {
  it('a session through a provider signs out to a page offering the provider’s sign-out, without any token', async () => {
    const { browser } = await viaProvider(councilId, 'admin-1');
    await browser.get('/account');
    const out = await browser.post('/sign-out');
    expect(out.headers.location).toBe(`/signed-out?provider=${councilId}`);
    const page = await browser.get(out.headers.location as string);
    expect(page.body).toContain('You have signed out of Safer');
    const end = /id="provider-sign-out"[^>]*|href="([^"]+)"[^>]*id="provider-sign-out"/.exec(page.body);
    expect(end).not.toBeNull();
    expect(page.body).toContain(`${op.issuer}/session/end?client_id=safer-council`);
    expect(page.body).not.toMatch(/id_token_hint/);
    expect((await browser.get('/account')).statusCode).not.toBe(200);
  });

  it('accounts not seen for the configured period are disabled, audited, and then refused', async () => {
    h.advance(61 * 24 * 60);
    const disabled = await disableLeavers(h.t.database.db, {
      now: h.services.now(),
      days: h.services.config.oidc.leaverDays,
    });
    expect(disabled).toBeGreaterThanOrEqual(3);
    expect((await users('nurse@nhs.example'))[0]!.disabled).toBe(true);
    expect((await users('admin@health.example'))[0]!.disabled).toBe(false);
    const update = (await auditEntries(h, 'user.update')).at(-1)!;
    expect(update.actor_email).toBe('system');
    expect(JSON.parse(update.details).reason).toMatch(/leaver/);
    const { callback } = await viaProvider(healthId, 'nurse-1');
    expect(callback.statusCode).toBe(403);
    expect(callback.body).toContain('data-reason="disabled"');
  });
});
