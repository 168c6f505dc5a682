import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './core.ts';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A partner organisation of the Community Safety Partnership. */
export interface AgencyTable {
  code: string;
  name: string;
  kind: 'police' | 'local_authority' | 'health' | 'probation' | 'youth_justice' | 'fire' | 'vcs';
}

/** A person who signs in. Belongs to exactly one agency and has one role. */
export interface AppUserTable {
  id: Generated<number>;
  email: string;
  display_name: Generated<string>;
  agency_code: string;
  role: 'viewer' | 'analyst' | 'partnership_manager' | 'data_owner' | 'administrator';
  /** argon2id PHC string; null for someone who only signs in through an identity provider. */
  password_hash: string | null;
  /** Base32 TOTP secret when the second factor is switched on. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last TOTP time step accepted for this user (migration 0016): that code and earlier ones are refused. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  failed_sign_ins: Generated<number>;
  locked_until: NullableTimestamp;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  last_sign_in_at: NullableTimestamp;
}

/** A link from an external identity (an OpenID Connect issuer's subject) to a user. */
export interface UserIdentityTable {
  user_id: number;
  provider: string;
  subject: string;
}

/** A signed-in browser. Only the SHA-256 of the cookie value is stored. */
export interface UserSessionTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  second_factor_pending: Generated<boolean>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** The absolute limit; the idle limit is last_seen_at + idle timeout. */
  expires_at: Timestamp;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

/** A bearer token for a partner system or the CLI. Only its SHA-256 is stored. */
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  scope: 'read' | 'write';
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** One append-only, hash-chained audit entry. */
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_email: string;
  actor_agency: string;
  action: string;
  outcome: 'success' | 'failure';
  subject_type: string;
  subject_id: string;
  ip: string;
  /** Canonical JSON: before/after of changes and anything else worth knowing. */
  details: string;
  prev_hash: string;
  hash: string;
}

export interface PlatformTables {
  agency: AgencyTable;
  app_user: AppUserTable;
  user_identity: UserIdentityTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
}
