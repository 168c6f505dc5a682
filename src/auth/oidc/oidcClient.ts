import * as oidc from 'openid-client';
import type { OidcProvider } from './providers.ts';

/** Why a reply from a provider was not accepted: each has its own words on the refusal page. */
export type ProtocolRefusal =
  | 'state'
  | 'nonce'
  | 'expired-token'
  | 'forged-token'
  | 'issuer'
  | 'provider-error'
  | 'invalid-response';

export class OidcProtocolError extends Error {
  constructor(
    readonly reason: ProtocolRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** The claims Safer reads from a verified ID token. */
export type IdTokenClaims = oidc.IDToken;

/**
 * The openid-client side of single sign-on: discovery (cached per provider and its last change), the
 * authorisation URL with PKCE (S256), state and nonce, and the code exchange with every check of the ID token
 * (signature against the provider's published keys, issuer, audience, expiry, nonce) left to the library.
 */
export class OidcClients {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  private synced: Promise<void> | null = null;

  constructor(private readonly allowHttp: boolean) {}

  /** Runs `sync` (the configured providers into the database) once per process, before the first use; again after a failure. */
  ready(sync: () => Promise<void>): Promise<void> {
    this.synced ??= sync().catch((e: unknown) => {
      this.synced = null;
      throw e;
    });
    return this.synced;
  }

  configuration(provider: OidcProvider): Promise<oidc.Configuration> {
    const key = `${provider.id}:${new Date(provider.updated_at).getTime()}`;
    let found = this.configurations.get(key);
    if (!found) {
      // enableNonRepudiationChecks: the ID token's signature is checked against the provider's published keys
      // too (OpenID Connect lets a client skip that for the code flow over TLS; Safer does not).
      const execute = [oidc.enableNonRepudiationChecks, ...(this.allowHttp ? [oidc.allowInsecureRequests] : [])];
      found = oidc.discovery(
        new URL(provider.issuer),
        provider.client_id,
        undefined,
        provider.client_secret ? oidc.ClientSecretBasic(provider.client_secret) : oidc.None(),
        { execute, timeout: 10 },
      );
      // A provider that was down is asked again next time.
      found.catch(() => this.configurations.delete(key));
      this.configurations.set(key, found);
    }
    return found;
  }

  async authorisationUrl(
    provider: OidcProvider,
    input: { redirectUri: string; state: string; nonce: string; codeVerifier: string },
  ): Promise<URL> {
    const config = await this.configuration(provider);
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: input.redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      state: input.state,
      nonce: input.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(input.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Exchanges the code on the server and returns the verified ID token's claims. The tokens themselves go no
   * further than this function: nothing is stored and nothing is sent to the browser.
   */
  async finish(
    provider: OidcProvider,
    currentUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<IdTokenClaims> {
    const config = await this.configuration(provider);
    const error = currentUrl.searchParams.get('error');
    if (error) {
      const description = currentUrl.searchParams.get('error_description') ?? '';
      throw new OidcProtocolError('provider-error', `${error}${description ? `: ${description}` : ''}`.slice(0, 300));
    }
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new OidcProtocolError('invalid-response', 'no ID token');
      return claims;
    } catch (e) {
      throw classify(e);
    }
  }

  /** The provider's end-session address, when it has one; by client id, so no ID token goes to the browser. */
  async endSessionUrl(provider: OidcProvider, postLogoutRedirectUri: string): Promise<URL | null> {
    const config = await this.configuration(provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, {
      client_id: provider.client_id,
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
  }
}

/** openid-client's (oauth4webapi's) errors, sorted into the refusals a person and an auditor can read. */
export function classify(e: unknown): OidcProtocolError {
  if (e instanceof OidcProtocolError) return e;
  const error = e as { message?: string; code?: string; error?: string; cause?: unknown };
  const message = String(error.message ?? e);
  const cause = (error.cause ?? {}) as { claim?: string; code?: string; message?: string };
  const text = `${message} ${cause.message ?? ''}`;
  const code = `${error.code ?? ''} ${cause.code ?? ''}`;
  if (/"state"/.test(text)) return new OidcProtocolError('state', message);
  if (cause.claim === 'nonce' || /nonce/.test(text)) return new OidcProtocolError('nonce', message);
  if (cause.claim === 'iss' || /"iss"|issuer/i.test(text)) return new OidcProtocolError('issuer', message);
  if (/TIMESTAMP|exp|timestamp/.test(`${code} ${text}`)) return new OidcProtocolError('expired-token', message);
  if (/SIGNATURE|signature|JWKS|no applicable key/i.test(`${code} ${text}`))
    return new OidcProtocolError('forged-token', message);
  if (error.error) return new OidcProtocolError('provider-error', `${error.error}: ${message}`);
  return new OidcProtocolError('invalid-response', message);
}

export const randomState = oidc.randomState;
export const randomNonce = oidc.randomNonce;
export const randomCodeVerifier = oidc.randomPKCECodeVerifier;
