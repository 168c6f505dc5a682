import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { type Person, roleFromGroups, usedMfa } from './oidcAccounts.ts';
import { classify } from './oidcClient.ts';
import { domainsOf, normaliseDomains, type OidcProvider, parseGroupRoleLines } from './providers.ts';

const provider = (over: Partial<OidcProvider> = {}): OidcProvider => ({
  id: 1,
  agency_code: 'police',
  name: 'Force',
  issuer: 'https://idp.example',
  client_id: 'safer',
  client_secret: 's',
  allowed_domains: 'police.example',
  groups_claim: 'groups',
  group_roles: JSON.stringify([
    { group: 'analysts', role: 'analyst' },
    { group: 'staff', role: 'viewer' },
  ]),
  mfa_acr_values: 'urn:loa:3',
  enabled: true,
  source: 'admin',
  created_at: new Date(),
  updated_at: new Date(),
  ...over,
});
const person = (over: Partial<Person> = {}): Person => ({
  subject: 's',
  email: 'a@police.example',
  emailVerified: undefined,
  groups: [],
  amr: [],
  acr: undefined,
  ...over,
});

describe('provider settings', () => {
  it('reads "group = role" lines in order and names a line that does not read', () => {
    expect(parseGroupRoleLines('analysts = analyst\n\n  Data owners = Data owner ')).toEqual({
      ok: true,
      value: [
        { group: 'analysts', role: 'analyst' },
        { group: 'Data owners', role: 'data_owner' },
      ],
    });
    const bad = parseGroupRoleLines('analysts = analyst\nstaff = boss');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/^Line 2/);
  });

  it('keeps domains lower case, without "@", once each', () => {
    expect(normaliseDomains(['Police.Example', '@police.example', ' force.example '])).toBe(
      'police.example force.example',
    );
    expect(domainsOf(provider({ allowed_domains: 'a.example b.example' }))).toEqual(['a.example', 'b.example']);
  });

  it('the first mapped group the person has decides the role; none maps to none', () => {
    expect(roleFromGroups(person({ groups: ['staff', 'analysts'] }), provider())).toBe('analyst');
    expect(roleFromGroups(person({ groups: ['staff'] }), provider())).toBe('viewer');
    expect(roleFromGroups(person({ groups: ['cleaners'] }), provider())).toBeNull();
  });

  it('MFA: amr "mfa", or a listed acr; a password alone, or another acr, is not', () => {
    expect(usedMfa(person({ amr: ['pwd', 'mfa'] }), provider())).toBe(true);
    expect(usedMfa(person({ acr: 'urn:loa:3' }), provider())).toBe(true);
    expect(usedMfa(person({ amr: ['pwd'], acr: 'urn:loa:1' }), provider())).toBe(false);
    expect(usedMfa(person({ amr: ['otp'] }), provider())).toBe(false);
  });

  it('sorts library errors into refusals', () => {
    expect(classify(new Error('unexpected "state" response parameter value')).reason).toBe('state');
    expect(classify(new Error('something else')).reason).toBe('invalid-response');
  });
});

describe('configuration', () => {
  const one = {
    agency: 'police',
    name: 'Force',
    issuer: 'https://idp.example',
    clientId: 'safer',
    allowedDomains: ['police.example'],
  };
  it('reads SAFER_OIDC_PROVIDERS with defaults', () => {
    const config = loadConfig({
      SAFER_OIDC_PROVIDERS: JSON.stringify([one]),
      SAFER_PUBLIC_URL: 'https://safer.example/',
    });
    expect(config.oidc).toMatchObject({
      publicUrl: 'https://safer.example',
      leaverDays: 90,
      allowHttp: false,
      providers: [{ ...one, clientSecret: '', groupsClaim: '', groupRoles: [], mfaAcrValues: [] }],
    });
  });

  it('refuses a provider without domains, a role that does not exist, bad JSON, and plain HTTP in production', () => {
    expect(() => loadConfig({ SAFER_OIDC_PROVIDERS: JSON.stringify([{ ...one, allowedDomains: [] }]) })).toThrow(
      /0\.allowedDomains/,
    );
    expect(() =>
      loadConfig({
        SAFER_OIDC_PROVIDERS: JSON.stringify([{ ...one, groupRoles: [{ group: 'g', role: 'boss' }] }]),
      }),
    ).toThrow(/groupRoles\.0\.role/);
    expect(() => loadConfig({ SAFER_OIDC_PROVIDERS: '[{' })).toThrow(/not JSON/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SAFER_SESSION_SECRET: 'x'.repeat(32), SAFER_OIDC_ALLOW_HTTP: 'true' }),
    ).toThrow(/refused in production/);
  });
});
