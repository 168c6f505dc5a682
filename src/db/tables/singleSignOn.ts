import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './platform.ts';

/** An agency's OpenID Connect provider (migration 0020). */
export interface OidcProviderTable {
  id: Generated<number>;
  agency_code: string;
  /** What the sign-in button says: "Sign in with <name>". */
  name: string;
  issuer: string;
  client_id: string;
  client_secret: Generated<string>;
  /** Lower-case e-mail domains, space-separated; a person from any other domain is refused. */
  allowed_domains: Generated<string>;
  /** The ID token claim that lists the person's groups; empty when the agency maps no groups. */
  groups_claim: Generated<string>;
  /** JSON `[{ "group": "…", "role": "analyst" }, …]`: the first group the person has decides the role. */
  group_roles: Generated<string>;
  /** `acr` values that mean multi-factor authentication, space-separated (`amr` containing "mfa" always does). */
  mfa_acr_values: Generated<string>;
  enabled: Generated<boolean>;
  source: ColumnType<'config' | 'admin', 'config' | 'admin' | undefined, 'config' | 'admin'>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A person known through a provider, by issuer + subject (the `user_identity` link). */
export interface OidcAccountTable {
  issuer: string;
  subject: string;
  user_id: number;
  provider_id: number | null;
  email: string;
  /** Waiting for an administrator of the provider's agency to approve it with a role. */
  pending: Generated<boolean>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  last_mfa: Generated<boolean>;
}

/** A sign-in on its way through a provider: one use, short-lived, bound to the browser by a cookie. */
export interface OidcLoginTable {
  id_hash: string;
  provider_id: number;
  state: string;
  nonce: string;
  code_verifier: string;
  next: Generated<string>;
  expires_at: Timestamp;
}

/** The provider that signed a session in (for its end-session); no token is stored. */
export interface OidcSessionTable {
  session_hash: string;
  provider_id: number | null;
  mfa: boolean;
}

export interface SingleSignOnTables {
  oidc_provider: OidcProviderTable;
  oidc_account: OidcAccountTable;
  oidc_login: OidcLoginTable;
  oidc_session: OidcSessionTable;
}
