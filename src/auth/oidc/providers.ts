import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { ConfiguredProvider } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { OidcProviderTable } from '../../db/tables/singleSignOn.ts';
import { ROLES, type Role } from '../policy.ts';

export type OidcProvider = Selectable<OidcProviderTable>;

/** One line of an agency's group → role mapping; the first line whose group the person has decides. */
export interface GroupRole {
  group: string;
  role: Role;
}

const GroupRoles = z.array(z.object({ group: z.string().min(1), role: z.enum(ROLES) }));

export function groupRolesOf(provider: Pick<OidcProvider, 'group_roles'>): GroupRole[] {
  try {
    const parsed = GroupRoles.safeParse(JSON.parse(provider.group_roles));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const words = (text: string): string[] => text.split(/[\s,]+/).filter((w) => w !== '');

/** Lower-case e-mail domains the provider's agency allows. */
export const domainsOf = (provider: Pick<OidcProvider, 'allowed_domains'>): string[] =>
  words(provider.allowed_domains.toLowerCase());

export const mfaAcrValuesOf = (provider: Pick<OidcProvider, 'mfa_acr_values'>): string[] =>
  words(provider.mfa_acr_values);

/** Domains as stored: lower case, without a leading "@", space-separated, each once. */
export const normaliseDomains = (list: readonly string[]): string =>
  [...new Set(list.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter((d) => d !== ''))].join(' ');

/** "group = role" lines (the admin form) → mapping; the problem line is named when one does not read. */
export function parseGroupRoleLines(text: string): { ok: true; value: GroupRole[] } | { ok: false; problem: string } {
  const value: GroupRole[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.lastIndexOf('=');
    const group = at < 0 ? '' : line.slice(0, at).trim();
    const role = (
      at < 0
        ? ''
        : line
            .slice(at + 1)
            .trim()
            .toLowerCase()
            .replace(/\s+/g, '_')
    ) as Role;
    if (!group || !ROLES.includes(role))
      return {
        ok: false,
        problem: `Line ${i + 1} of the group mapping should read "group = role", with a role of ${ROLES.join(', ')}`,
      };
    value.push({ group, role });
  }
  return { ok: true, value };
}

export const groupRoleLines = (provider: Pick<OidcProvider, 'group_roles'>): string =>
  groupRolesOf(provider)
    .map((g) => `${g.group} = ${g.role}`)
    .join('\n');

export async function listProviders(db: Kysely<DB>): Promise<OidcProvider[]> {
  return db.selectFrom('oidc_provider').selectAll().orderBy('agency_code').orderBy('name').orderBy('id').execute();
}

export async function listEnabledProviders(db: Kysely<DB>): Promise<OidcProvider[]> {
  return db.selectFrom('oidc_provider').selectAll().where('enabled', '=', true).orderBy('name').orderBy('id').execute();
}

export async function findProvider(db: Kysely<DB>, id: number): Promise<OidcProvider | undefined> {
  return db.selectFrom('oidc_provider').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What the admin pages and the configuration both write. */
export interface ProviderSettings {
  agency: string;
  name: string;
  issuer: string;
  clientId: string;
  /** undefined: keep the stored secret. */
  clientSecret: string | undefined;
  allowedDomains: readonly string[];
  groupsClaim: string;
  groupRoles: readonly GroupRole[];
  mfaAcrValues: readonly string[];
  enabled: boolean;
}

function columns(s: ProviderSettings, now: Date) {
  return {
    agency_code: s.agency,
    name: s.name.trim(),
    issuer: s.issuer.trim(),
    client_id: s.clientId.trim(),
    ...(s.clientSecret === undefined ? {} : { client_secret: s.clientSecret }),
    allowed_domains: normaliseDomains(s.allowedDomains),
    groups_claim: s.groupsClaim.trim(),
    group_roles: JSON.stringify(s.groupRoles.map((g) => ({ group: g.group, role: g.role }))),
    mfa_acr_values: s.mfaAcrValues.join(' '),
    enabled: s.enabled,
    updated_at: now,
  };
}

export async function insertProvider(
  db: Kysely<DB>,
  s: ProviderSettings,
  source: 'config' | 'admin',
  now: Date,
): Promise<OidcProvider> {
  return db
    .insertInto('oidc_provider')
    .values({ ...columns(s, now), source })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Another provider of the agency with the same issuer and client id (they must differ), if any. */
export async function sameClient(
  db: Kysely<DB>,
  s: Pick<ProviderSettings, 'agency' | 'issuer' | 'clientId'>,
  exceptId?: number,
): Promise<OidcProvider | undefined> {
  let query = db
    .selectFrom('oidc_provider')
    .selectAll()
    .where('agency_code', '=', s.agency)
    .where('issuer', '=', s.issuer.trim())
    .where('client_id', '=', s.clientId.trim());
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function updateProvider(db: Kysely<DB>, id: number, s: ProviderSettings, now: Date): Promise<void> {
  await db.updateTable('oidc_provider').set(columns(s, now)).where('id', '=', id).execute();
}

const settingsOf = (c: ConfiguredProvider): ProviderSettings => ({
  agency: c.agency,
  name: c.name,
  issuer: c.issuer,
  clientId: c.clientId,
  clientSecret: c.clientSecret,
  allowedDomains: c.allowedDomains,
  groupsClaim: c.groupsClaim,
  groupRoles: c.groupRoles,
  mfaAcrValues: c.mfaAcrValues,
  enabled: true,
});

/**
 * Makes the configured providers (SAFER_OIDC_PROVIDERS) the `source = 'config'` rows: each is inserted or
 * rewritten (matched by agency, issuer and client id, so accounts keep their provider), and a configured row
 * no longer in the configuration is switched off, never deleted.
 */
export async function syncConfiguredProviders(
  db: Kysely<DB>,
  configured: readonly ConfiguredProvider[],
  now: Date,
): Promise<void> {
  if (configured.length > 0) {
    const agencies = new Set((await db.selectFrom('agency').select('code').execute()).map((a) => a.code));
    const unknown = configured.filter((c) => !agencies.has(c.agency)).map((c) => c.agency);
    if (unknown.length > 0)
      throw new Error(
        `Invalid configuration: SAFER_OIDC_PROVIDERS names agency ${unknown.join(', ')}, not one of ${[...agencies].join(', ')}`,
      );
  }
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('oidc_provider').selectAll().execute();
    const kept = new Set<number>();
    for (const c of configured) {
      const match = existing.find(
        (p) => p.agency_code === c.agency && p.issuer === c.issuer.trim() && p.client_id === c.clientId.trim(),
      );
      if (match) {
        kept.add(match.id);
        await trx
          .updateTable('oidc_provider')
          .set({ ...columns(settingsOf(c), now), source: 'config' })
          .where('id', '=', match.id)
          .execute();
      } else {
        kept.add((await insertProvider(trx, settingsOf(c), 'config', now)).id);
      }
    }
    for (const p of existing) {
      if (p.source === 'config' && !kept.has(p.id) && p.enabled) {
        await trx
          .updateTable('oidc_provider')
          .set({ enabled: false, updated_at: now })
          .where('id', '=', p.id)
          .execute();
      }
    }
  });
}
