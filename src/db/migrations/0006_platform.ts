import type { Kysely } from 'kysely';
import { runStatements } from './runStatements.ts';

/**
 * The secure platform: agencies, user accounts, database sessions, API tokens
 * and the append-only, hash-chained audit log. The audit log refuses UPDATE,
 * DELETE and TRUNCATE in the database itself, so even a bug (or a person with
 * the application's credentials) cannot quietly rewrite history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE agency (
      code text PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('police', 'local_authority', 'health', 'probation', 'youth_justice', 'fire', 'vcs'))
    )`,
    `INSERT INTO agency (code, name, kind) VALUES
      ('police', 'Police', 'police'),
      ('local_authority', 'Local authority', 'local_authority'),
      ('health', 'Health', 'health'),
      ('probation', 'Probation', 'probation'),
      ('youth_justice', 'Youth justice', 'youth_justice'),
      ('fire', 'Fire and rescue', 'fire'),
      ('vcs', 'Voluntary and community sector', 'vcs')`,
    `CREATE TABLE app_user (
      id serial PRIMARY KEY,
      email text NOT NULL,
      display_name text NOT NULL DEFAULT '',
      agency_code text NOT NULL REFERENCES agency (code),
      role text NOT NULL CHECK (role IN ('viewer', 'analyst', 'partnership_manager', 'data_owner', 'administrator')),
      password_hash text,
      totp_secret text,
      failed_sign_ins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz
    )`,
    `CREATE UNIQUE INDEX app_user_email ON app_user (lower(email))`,
    // Another way to sign in (an OpenID Connect provider) links here by issuer + subject.
    `CREATE TABLE user_identity (
      user_id integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      provider text NOT NULL,
      subject text NOT NULL,
      PRIMARY KEY (provider, subject)
    )`,
    `CREATE TABLE user_session (
      id_hash char(64) PRIMARY KEY,
      user_id integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      second_factor_pending boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      ip text NOT NULL DEFAULT '',
      user_agent text NOT NULL DEFAULT ''
    )`,
    `CREATE INDEX user_session_user ON user_session (user_id)`,
    `CREATE TABLE api_token (
      id serial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash char(64) NOT NULL UNIQUE,
      scope text NOT NULL CHECK (scope IN ('read', 'write')),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`,
    `CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_user_id integer,
      actor_email text NOT NULL,
      actor_agency text NOT NULL,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      ip text NOT NULL,
      details text NOT NULL,
      prev_hash char(64) NOT NULL,
      hash char(64) NOT NULL
    )`,
    `CREATE INDEX audit_log_action ON audit_log (action, at)`,
    `CREATE INDEX audit_log_actor ON audit_log (lower(actor_email))`,
    `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
      END
    $$`,
    `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'DROP TABLE audit_log',
    'DROP FUNCTION audit_log_refuse_change',
    'DROP TABLE api_token',
    'DROP TABLE user_session',
    'DROP TABLE user_identity',
    'DROP TABLE app_user',
    'DROP TABLE agency',
  ]);
}
