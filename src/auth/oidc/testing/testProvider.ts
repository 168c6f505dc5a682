import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** Someone who can sign in at the test provider, and what it says about them. */
export interface TestPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  /** How they authenticated (RFC 8176): ["pwd", "mfa"] for multi-factor. */
  amr?: string[];
  acr?: string;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export interface TestProvider {
  issuer: string;
  people: Map<string, TestPerson>;
  /**
   * Rewrites the next ID tokens the token endpoint returns (their claims), re-signed with the provider's own key,
   * or with a key it never published when `forge` is set: what an attacker or a broken provider would send.
   */
  tamper: { claims?: (claims: Record<string, unknown>) => Record<string, unknown>; forge?: boolean } | null;
  close(): Promise<void>;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function resign(token: string, key: KeyObject, edit: (c: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload] = token.split('.');
  const claims = edit(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>);
  const body = `${header}.${b64url(claims)}`;
  return `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`;
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A real OpenID Connect provider (the `oidc-provider` package, certified by the OpenID Foundation) on loopback,
 * with its own login page: the person types who they are and continues; their claims come from `people`.
 */
export async function startTestProvider(clients: TestClient[]): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };
  const people = new Map<string, TestPerson>();
  let provider: Provider | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (!provider) throw new Error('not ready');
      if (url.pathname.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        if (req.method === 'POST') {
          const login = (await formOf(req)).get('login') ?? '';
          const person = people.get(login);
          if (!person) {
            res.writeHead(400, { 'content-type': 'text/html' }).end('<p>No such person</p>');
            return;
          }
          await provider.interactionFinished(
            req,
            res,
            {
              login: {
                accountId: person.sub,
                ...(person.amr ? { amr: person.amr } : {}),
                ...(person.acr ? { acr: person.acr } : {}),
              },
            },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
          `<!DOCTYPE html><html lang="en"><head><title>Test identity provider</title></head><body><main>
<h1>Sign in to the test identity provider</h1>
<form method="post" action="/interaction/${escapeHtml(details.uid)}">
<label for="login">Username</label> <input id="login" name="login" autocomplete="off">
<button type="submit">Continue</button></form></main></body></html>`,
        );
        return;
      }
      provider.callback()(req, res);
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      post_logout_redirect_uris: [c.postLogoutRedirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-provider-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    acrValues: ['urn:test:loa:1', 'urn:test:loa:mfa'],
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      openid: ['sub', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['name', 'groups'],
    },
    // As Entra ID does: the person's claims are in the ID token itself.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const person = [...people.values()].find((p) => p.sub === sub);
      if (!person) return undefined;
      // amr and acr belong to the sign-in (interactionFinished), not the account.
      const { amr: _amr, acr: _acr, ...claims } = person;
      return { accountId: sub, claims: async () => claims };
    },
    // First-party clients: no consent screen (the recipe from oidc-provider's documentation).
    loadExistingGrant: async (ctx: {
      oidc: {
        client: { clientId: string };
        session: { accountId: string; grantIdFor(c: string): string | undefined };
        result?: { consent?: { grantId?: string } };
        provider: Provider;
      };
    }) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Error</title></head><body><main><h1>${escapeHtml(out.error ?? 'error')}</h1><p>${escapeHtml(out.error_description ?? '')}</p></main></body></html>`;
    },
  });
  const handle: TestProvider = {
    issuer,
    people,
    tamper: null,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === '/token' && handle.tamper && body?.id_token) {
      const t = handle.tamper;
      body.id_token = resign(body.id_token, t.forge ? otherKey : privateKey, t.claims ?? ((c) => c));
    }
  });
  return handle;
}

/**
 * A person's browser at the provider, without a browser: follows the provider's redirects with its cookies, fills
 * in the login page as `login`, and returns the address the provider sends the browser back to (Safer's callback).
 */
export async function signInAtProvider(authorisationUrl: string, login: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const origin = new URL(authorisationUrl).origin;
  let url = authorisationUrl;
  let form: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      method: form ? 'POST' : 'GET',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: form.toString() } : {}),
    });
    form = undefined;
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html);
    if (res.status === 200 && action) {
      url = new URL(action[1]!, url).href;
      form = new URLSearchParams({ login });
      continue;
    }
    throw new Error(`the provider answered ${res.status}: ${html.slice(0, 300)}`);
  }
  throw new Error('too many redirects at the provider');
}
