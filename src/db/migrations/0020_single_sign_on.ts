import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * Single sign-on through OpenID Connect (issue 22, decision 0014).
 *
 * - `oidc_provider`: an agency's identity provider (issuer, client, allowed e-mail domains, the claim that carries
 *   groups and the ordered group → role mapping as JSON). Rows come from configuration (`source = 'config'`,
 *   rewritten at start-up) or from the admin pages. A provider makes accounts of its own agency only.
 * - `oidc_account`: what Safer knows of a person signing in through a provider, keyed by the link 0006 already made
 *   for this (`user_identity`: issuer + subject, never the e-mail address): pending approval, first and last seen,
 *   whether the provider said multi-factor authentication was used.
 * - `oidc_login`: a sign-in on its way through a provider (state, nonce, PKCE verifier), found by the SHA-256 of a
 *   cookie so the callback belongs to the browser that started it; used once, short-lived.
 * - `oidc_session`: which provider signed a session in, so sign-out can offer that provider's end-session. No token
 *   is kept: not the ID token, not the access token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE oidc_provider (
      id serial PRIMARY KEY,
      agency_code text NOT NULL REFERENCES agency (code),
      name text NOT NULL CHECK (name <> ''),
      issuer text NOT NULL CHECK (issuer <> ''),
      client_id text NOT NULL CHECK (client_id <> ''),
      client_secret text NOT NULL DEFAULT '',
      allowed_domains text NOT NULL DEFAULT '',
      groups_claim text NOT NULL DEFAULT '',
      group_roles text NOT NULL DEFAULT '[]',
      mfa_acr_values text NOT NULL DEFAULT '',
      enabled boolean NOT NULL DEFAULT true,
      source text NOT NULL DEFAULT 'admin' CHECK (source IN ('config', 'admin')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (agency_code, issuer, client_id)
    )`,
    `CREATE TABLE oidc_account (
      issuer text NOT NULL,
      subject text NOT NULL,
      user_id integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      provider_id integer REFERENCES oidc_provider (id) ON DELETE SET NULL,
      email text NOT NULL,
      pending boolean NOT NULL DEFAULT false,
      first_seen_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      last_mfa boolean NOT NULL DEFAULT false,
      PRIMARY KEY (issuer, subject),
      FOREIGN KEY (issuer, subject) REFERENCES user_identity (provider, subject) ON DELETE CASCADE
    )`,
    `CREATE INDEX oidc_account_user ON oidc_account (user_id)`,
    `CREATE TABLE oidc_login (
      id_hash char(64) PRIMARY KEY,
      provider_id integer NOT NULL REFERENCES oidc_provider (id) ON DELETE CASCADE,
      state text NOT NULL,
      nonce text NOT NULL,
      code_verifier text NOT NULL,
      next text NOT NULL DEFAULT '/',
      expires_at timestamptz NOT NULL
    )`,
    `CREATE TABLE oidc_session (
      session_hash char(64) PRIMARY KEY REFERENCES user_session (id_hash) ON DELETE CASCADE,
      provider_id integer REFERENCES oidc_provider (id) ON DELETE SET NULL,
      mfa boolean NOT NULL
    )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE oidc_session',
    'DROP TABLE oidc_login',
    'DROP TABLE oidc_account',
    'DROP TABLE oidc_provider',
  ]);
}
