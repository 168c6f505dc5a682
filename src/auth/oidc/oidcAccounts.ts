import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordAudit, type AuditActor, SYSTEM_ACTOR } from '../../audit/recordAudit.ts';
import type { Role } from '../policy.ts';
import { deleteUserSessions } from '../sessions.ts';
import { findUserByEmail, findUserById, type AppUser } from '../users.ts';
import type { IdTokenClaims } from './oidcClient.ts';
import { domainsOf, groupRolesOf, mfaAcrValuesOf, type OidcProvider } from './providers.ts';

/** Why a person who proved who they are to their provider still does not get in. */
export type AccountRefusal =
  | 'no-email'
  | 'unverified-email'
  | 'domain'
  | 'unmapped-group'
  | 'other-agency'
  | 'email-taken'
  | 'disabled'
  | 'awaiting-approval';

export type AccountOutcome =
  | { kind: 'signed-in'; user: AppUser; mfa: boolean }
  | { kind: 'pending'; user: AppUser; created: boolean }
  | { kind: 'refused'; reason: AccountRefusal; user?: AppUser; email: string };

/** The person as the ID token describes them. */
export interface Person {
  subject: string;
  email: string;
  emailVerified: boolean | undefined;
  groups: string[];
  amr: string[];
  acr: string | undefined;
}

const asStrings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

/** Entra ID puts the work address in `email` when it has one, otherwise in `preferred_username` (the UPN). */
export function personOf(claims: IdTokenClaims, provider: OidcProvider): Person {
  const email = [claims.email, claims.preferred_username, claims.upn].find(
    (v): v is string => typeof v === 'string' && v.includes('@'),
  );
  return {
    subject: claims.sub,
    email: (email ?? '').trim(),
    emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : undefined,
    groups: provider.groups_claim ? asStrings(claims[provider.groups_claim]) : [],
    amr: asStrings(claims.amr),
    acr: typeof claims.acr === 'string' ? claims.acr : undefined,
  };
}

/**
 * The provider's multi-factor authentication counts as Safer's second factor only when the ID token says it was
 * used: `amr` holds "mfa" (RFC 8176: Entra ID sends ["pwd", "mfa"]), or `acr` is one of the values the agency
 * listed for its provider (an assurance level that requires it). Anything else, and Safer's own TOTP applies.
 */
export function usedMfa(person: Person, provider: OidcProvider): boolean {
  if (person.amr.includes('mfa')) return true;
  return person.acr !== undefined && mfaAcrValuesOf(provider).includes(person.acr);
}

/** The role the person's groups give: the first mapping line whose group they have; null for none. */
export function roleFromGroups(person: Person, provider: OidcProvider): Role | null {
  for (const line of groupRolesOf(provider)) if (person.groups.includes(line.group)) return line.role;
  return null;
}

export const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

const providerActor = (provider: OidcProvider): AuditActor => ({
  userId: null,
  email: `single sign-on: ${provider.name}`.slice(0, 200),
  agency: provider.agency_code,
});

/**
 * Decides who a verified person is in Safer. Matched by issuer + subject only (`user_identity`); the e-mail
 * address is never used to find an account. A first sign-in makes an account of the provider's agency, never
 * another: with the role the person's groups map to, or, when the agency maps no groups, a pending account
 * that an administrator of that agency approves. Every change here is audited in its transaction; refusals are
 * audited by the caller with the page the person sees.
 */
export async function resolveAccount(
  db: Kysely<DB>,
  provider: OidcProvider,
  person: Person,
  input: { now: Date; ip: string },
): Promise<AccountOutcome> {
  const refused = (reason: AccountRefusal, user?: AppUser): AccountOutcome => ({
    kind: 'refused',
    reason,
    email: person.email,
    ...(user ? { user } : {}),
  });
  if (!person.email) return refused('no-email');
  if (person.emailVerified === false) return refused('unverified-email');
  if (!domainsOf(provider).includes(domainOf(person.email))) return refused('domain');
  const mapping = groupRolesOf(provider);
  const mappedRole = mapping.length > 0 ? roleFromGroups(person, provider) : null;
  if (mapping.length > 0 && mappedRole === null) return refused('unmapped-group');

  const link = await db
    .selectFrom('user_identity as i')
    .leftJoin('oidc_account as a', (j) => j.onRef('a.issuer', '=', 'i.provider').onRef('a.subject', '=', 'i.subject'))
    .select(['i.user_id', 'a.pending'])
    .where('i.provider', '=', provider.issuer)
    .where('i.subject', '=', person.subject)
    .executeTakeFirst();

  if (link) {
    const user = await findUserById(db, link.user_id);
    if (!user) return refused('disabled');
    if (user.agency_code !== provider.agency_code) return refused('other-agency', user);
    if (link.pending) return refused('awaiting-approval', user);
    if (user.disabled) return refused('disabled', user);
    const mfa = usedMfa(person, provider);
    const signedIn = await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('oidc_account')
        .set({ last_seen_at: input.now, last_mfa: mfa, email: person.email, provider_id: provider.id })
        .where('issuer', '=', provider.issuer)
        .where('subject', '=', person.subject)
        .execute();
      if (mappedRole !== null && mappedRole !== user.role) {
        await trx.updateTable('app_user').set({ role: mappedRole }).where('id', '=', user.id).execute();
        // The old role's sessions end with the change, as when an administrator changes a role.
        await deleteUserSessions(trx, user.id);
        await recordAudit(
          trx,
          {
            action: 'user.update',
            actor: providerActor(provider),
            subjectType: 'user',
            subjectId: user.id,
            ip: input.ip,
            details: {
              before: { role: user.role },
              after: { role: mappedRole },
              reason: 'groups at the identity provider',
              provider: provider.name,
            },
          },
          input.now,
        );
        return { ...user, role: mappedRole };
      }
      return user;
    });
    return { kind: 'signed-in', user: signedIn, mfa };
  }

  // A first sign-in. The e-mail address belongs to one account; an existing one is never taken over by it.
  const sameEmail = await findUserByEmail(db, person.email);
  if (sameEmail) return refused('email-taken', sameEmail);
  const pending = mappedRole === null;
  const user = await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('app_user')
      .values({
        email: person.email,
        agency_code: provider.agency_code,
        role: mappedRole ?? 'viewer',
        password_hash: null,
        disabled: pending,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('user_identity')
      .values({ user_id: created.id, provider: provider.issuer, subject: person.subject })
      .execute();
    await trx
      .insertInto('oidc_account')
      .values({
        issuer: provider.issuer,
        subject: person.subject,
        user_id: created.id,
        provider_id: provider.id,
        email: person.email,
        pending,
        first_seen_at: input.now,
        last_seen_at: input.now,
        last_mfa: usedMfa(person, provider),
      })
      .execute();
    await recordAudit(
      trx,
      {
        action: 'user.create',
        actor: pending
          ? { userId: created.id, email: created.email, agency: created.agency_code }
          : providerActor(provider),
        subjectType: 'user',
        subjectId: created.id,
        ip: input.ip,
        details: {
          method: 'oidc',
          provider: provider.name,
          after: { email: created.email, agency: created.agency_code, role: pending ? null : created.role },
          ...(pending ? { pending: 'waiting for an administrator of the agency' } : { groups: person.groups }),
        },
      },
      input.now,
    );
    return created;
  });
  return pending
    ? { kind: 'pending', user, created: true }
    : { kind: 'signed-in', user, mfa: usedMfa(person, provider) };
}

/** A pending account, with its provider, for the approval list. */
export async function listPendingAccounts(db: Kysely<DB>, agency: string) {
  return db
    .selectFrom('oidc_account as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .leftJoin('oidc_provider as p', 'p.id', 'a.provider_id')
    .select(['u.id', 'u.email', 'u.agency_code', 'a.first_seen_at', 'p.name as provider_name'])
    .where('a.pending', '=', true)
    .where('u.agency_code', '=', agency)
    .orderBy('a.first_seen_at')
    .execute();
}

/** Everyone known through a provider: how and when they signed in (the administrators' view). */
export async function listSingleSignOnAccounts(db: Kysely<DB>) {
  return db
    .selectFrom('oidc_account as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .leftJoin('oidc_provider as p', 'p.id', 'a.provider_id')
    .select([
      'u.id',
      'u.email',
      'u.agency_code',
      'u.role',
      'u.disabled',
      'u.last_sign_in_at',
      'a.pending',
      'a.first_seen_at',
      'a.last_seen_at',
      'a.last_mfa',
      'a.issuer',
      'p.name as provider_name',
    ])
    .orderBy('u.agency_code')
    .orderBy('u.email')
    .execute();
}

/** user id → provider name, for the users page's "signs in with". */
export async function providerNamesByUser(
  db: Kysely<DB>,
): Promise<Map<number, { provider: string; pending: boolean }>> {
  const rows = await db
    .selectFrom('oidc_account as a')
    .leftJoin('oidc_provider as p', 'p.id', 'a.provider_id')
    .select(['a.user_id', 'a.pending', 'p.name', 'a.issuer'])
    .execute();
  return new Map(rows.map((r) => [r.user_id, { provider: r.name ?? r.issuer, pending: r.pending }]));
}

export async function isPending(db: Kysely<DB>, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('oidc_account')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('pending', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * An administrator of the account's agency decides a pending account: approved with a role (it can sign in from
 * now on) or refused (it stays disabled, and a later sign-in is refused as disabled). Returns false when the
 * account is not pending or not of the administrator's agency.
 */
export async function decidePendingAccount(
  db: Kysely<DB>,
  input: { userId: number; approve: boolean; role: Role; by: AuditActor & { agency: string }; ip: string; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!user || user.agency_code !== input.by.agency) return false;
    const updated = await trx
      .updateTable('oidc_account')
      .set({ pending: false })
      .where('user_id', '=', user.id)
      .where('pending', '=', true)
      .returning('user_id')
      .execute();
    if (updated.length === 0) return false;
    if (input.approve)
      await trx.updateTable('app_user').set({ role: input.role, disabled: false }).where('id', '=', user.id).execute();
    await recordAudit(
      trx,
      {
        action: 'user.update',
        actor: input.by,
        subjectType: 'user',
        subjectId: user.id,
        ip: input.ip,
        details: input.approve
          ? {
              approval: 'approved',
              before: { pending: true, disabled: true },
              after: { role: input.role, disabled: false },
            }
          : { approval: 'refused', before: { pending: true, disabled: true }, after: { disabled: true } },
      },
      input.now,
    );
    return true;
  });
}

/**
 * Leavers: single sign-on accounts not seen at sign-in for `days` are disabled (with their sessions ended), each
 * recorded in the audit log by the system. Someone who left their organisation can no longer sign in to their
 * provider, so never comes back to be seen; an administrator re-enables an account that was only dormant.
 */
export async function disableLeavers(db: Kysely<DB>, input: { now: Date; days: number }): Promise<number> {
  const cutoff = new Date(input.now.getTime() - input.days * 86_400_000);
  const leavers = await db
    .selectFrom('app_user as u')
    .innerJoin('oidc_account as a', 'a.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.agency_code', 'u.last_sign_in_at', 'a.last_seen_at'])
    .where('u.disabled', '=', false)
    .where('a.pending', '=', false)
    .where(sql<Date>`coalesce(u.last_sign_in_at, a.last_seen_at)`, '<', cutoff)
    .execute();
  for (const leaver of leavers) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ disabled: true }).where('id', '=', leaver.id).execute();
      await deleteUserSessions(trx, leaver.id);
      await recordAudit(
        trx,
        {
          action: 'user.update',
          actor: SYSTEM_ACTOR,
          subjectType: 'user',
          subjectId: leaver.id,
          details: {
            before: { disabled: false },
            after: { disabled: true },
            reason: `leaver: not seen at sign-in for ${input.days} days`,
            lastSeen: new Date(leaver.last_sign_in_at ?? leaver.last_seen_at).toISOString(),
          },
        },
        input.now,
      );
    });
  }
  return leavers.length;
}
