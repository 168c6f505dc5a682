import type { FastifyInstance } from 'fastify';
import { type AuditEvent, recordAudit } from '../../../audit/recordAudit.ts';
import {
  decidePendingAccount,
  listPendingAccounts,
  listSingleSignOnAccounts,
} from '../../../auth/oidc/oidcAccounts.ts';
import {
  findProvider,
  groupRoleLines,
  insertProvider,
  listProviders,
  parseGroupRoleLines,
  type ProviderSettings,
  sameClient,
  updateProvider,
} from '../../../auth/oidc/providers.ts';
import { canManageUsers, type Actor } from '../../../auth/policy.ts';
import { listAgencies } from '../../../auth/users.ts';
import type { Services } from '../../../services.ts';
import { forbidden, notFound } from '../../errors.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { providersReady } from '../signIn/oidcRoutes.ts';
import { ApprovalBody, IdParams, ProviderBody } from './schema.ts';

const who = (a: Actor) => ({ userId: a.id, email: a.email, agency: a.agency });

/**
 * Single sign-on administration: each agency's administrators approve their own agency's pending accounts and
 * manage their own agency's providers (a provider makes accounts of its agency only, so one agency's
 * administrator can never mint another agency's accounts). Every administrator sees who signed in how and when.
 */
export function singleSignOnAdminRoutes(services: Services) {
  async function page(actor: Actor, extra: Record<string, unknown> = {}) {
    await providersReady(services);
    const agencies = await listAgencies(services.db);
    const agencyName = new Map(agencies.map((a) => [a.code, a.name]));
    const providers = (await listProviders(services.db)).map((p) => ({
      id: p.id,
      name: p.name,
      agency: agencyName.get(p.agency_code) ?? p.agency_code,
      issuer: p.issuer,
      clientId: p.client_id,
      hasSecret: p.client_secret !== '',
      domains: p.allowed_domains,
      groupsClaim: p.groups_claim,
      groupRoles: groupRoleLines(p),
      mfaAcrValues: p.mfa_acr_values,
      enabled: p.enabled,
      fromConfig: p.source === 'config',
      editable: p.source === 'admin' && p.agency_code === actor.agency,
    }));
    return {
      title: 'Single sign-on',
      providers,
      ownAgency: agencyName.get(actor.agency) ?? actor.agency,
      accounts: await listSingleSignOnAccounts(services.db),
      leaverDays: services.config.oidc.leaverDays,
      redirectUri: `${services.config.oidc.publicUrl ?? '<Safer address>'}/sign-in/oidc/callback`,
      values: {},
      ...extra,
    };
  }

  function settingsFrom(body: ReturnType<typeof ProviderBody.parse>, agency: string) {
    const mapping = parseGroupRoleLines(body.groupRoles);
    if (!mapping.ok) return { error: { field: 'groupRoles', text: mapping.problem } } as const;
    if (mapping.value.length > 0 && body.groupsClaim === '')
      return {
        error: { field: 'groupsClaim', text: 'Enter the claim that carries groups, or map no groups' },
      } as const;
    if (!services.config.oidc.allowHttp && !body.issuer.startsWith('https://'))
      return { error: { field: 'issuer', text: 'Enter the issuer address, starting https://' } } as const;
    const settings: ProviderSettings = {
      agency,
      name: body.name,
      issuer: body.issuer,
      clientId: body.clientId,
      clientSecret: body.clientSecret === '' ? undefined : body.clientSecret,
      allowedDomains: body.allowedDomains.split(/[\s,]+/),
      groupsClaim: body.groupsClaim,
      groupRoles: mapping.value,
      mfaAcrValues: body.mfaAcrValues.split(/\s+/).filter((v) => v !== ''),
      enabled: body.enabled === 'true',
    };
    return { settings } as const;
  }

  return async function routes(app: FastifyInstance) {
    app.get('/admin/single-sign-on', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageUsers(actor));
      return reply.view('pages/single-sign-on.njk', await page(actor));
    });

    app.post('/admin/single-sign-on', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageUsers(actor));
      const parsed = ProviderBody.safeParse(request.body);
      const result = parsed.success
        ? settingsFrom(parsed.data, actor.agency)
        : {
            error: {
              field: String(parsed.error.issues[0]?.path[0] ?? 'name'),
              text: parsed.error.issues[0]?.message ?? 'Check the details',
            },
          };
      const settings = 'settings' in result ? result.settings : undefined;
      const error =
        'error' in result
          ? result.error
          : settings && (await sameClient(services.db, settings))
            ? { field: 'clientId', text: 'Your agency already has a provider with this issuer and client ID' }
            : null;
      if (error || !settings)
        return reply
          .status(400)
          .view('pages/single-sign-on.njk', await page(actor, { errorTitle: true, error, values: request.body }));
      await services.db.transaction().execute(async (trx) => {
        await insertProvider(trx, settings, 'admin', services.now());
        await recordAudit(trx, providerAudit('oidc.provider.create', actor, settings, request.ip), services.now());
      });
      return reply.redirect('/admin/single-sign-on', 303);
    });

    app.post('/admin/single-sign-on/:id', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageUsers(actor));
      const { id } = parseWith(IdParams, request.params);
      const provider = await findProvider(services.db, id);
      if (!provider) throw notFound('Provider');
      // Configured providers are changed in the configuration; another agency's only by its administrators.
      if (provider.source !== 'admin' || provider.agency_code !== actor.agency) throw forbidden();
      const body = parseWith(ProviderBody, request.body);
      const result = settingsFrom(body, actor.agency);
      const settings = 'settings' in result ? result.settings : undefined;
      const error =
        'error' in result
          ? result.error
          : settings && (await sameClient(services.db, settings, id))
            ? { field: 'clientId', text: 'Your agency already has a provider with this issuer and client ID' }
            : null;
      if (error || !settings)
        return reply.status(400).view('pages/single-sign-on.njk', await page(actor, { errorTitle: true, error }));
      await services.db.transaction().execute(async (trx) => {
        await updateProvider(trx, id, settings, services.now());
        await recordAudit(trx, providerAudit('oidc.provider.update', actor, settings, request.ip, id), services.now());
      });
      return reply.redirect('/admin/single-sign-on', 303);
    });

    app.post('/admin/users/:id/approval', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageUsers(actor));
      const { id } = parseWith(IdParams, request.params);
      const body = parseWith(ApprovalBody, request.body);
      const decided = await decidePendingAccount(services.db, {
        userId: id,
        approve: body.decision === 'approve',
        role: body.role,
        by: who(actor),
        ip: request.ip,
        now: services.now(),
      });
      // Not pending, or of another agency: only that agency's administrators decide.
      if (!decided) throw forbidden();
      return reply.redirect('/admin/users', 303);
    });
  };
}

/** The approval list for the users page: pending accounts of the administrator's own agency. */
export const pendingFor = (services: Services, actor: Actor) => listPendingAccounts(services.db, actor.agency);

/** A provider's settings as the audit log keeps them: never the client secret, only whether one was given. */
function providerAudit(
  action: 'oidc.provider.create' | 'oidc.provider.update',
  actor: Actor,
  s: ProviderSettings,
  ip: string,
  id?: number,
): AuditEvent {
  return {
    action,
    actor: { userId: actor.id, email: actor.email, agency: actor.agency },
    subjectType: 'oidc-provider',
    subjectId: id ?? s.issuer,
    ip,
    details: {
      name: s.name,
      issuer: s.issuer,
      clientId: s.clientId,
      secretChanged: s.clientSecret !== undefined,
      allowedDomains: s.allowedDomains,
      groupRoles: s.groupRoles,
      mfaAcrValues: s.mfaAcrValues,
      enabled: s.enabled,
    },
  };
}
