import type { FastifyInstance } from 'fastify';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../auth/apiTokens.ts';
import { isPending, providerNamesByUser } from '../../../auth/oidc/oidcAccounts.ts';
import { passwordProblem } from '../../../auth/passwordRules.ts';
import { canManageTokens, canManageUsers, ROLES, type Actor } from '../../../auth/policy.ts';
import { deleteUserSessions } from '../../../auth/sessions.ts';
import { findUserByEmail, findUserById, insertUser, listAgencies, listUsers } from '../../../auth/users.ts';
import { recordAudit } from '../../../audit/recordAudit.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { IdParams, NewTokenBody, NewUserBody, UpdateUserBody } from './schema.ts';
import { pendingFor, singleSignOnAdminRoutes } from './singleSignOnRoutes.ts';

const who = (a: Actor) => ({ userId: a.id, email: a.email, agency: a.agency });

export function adminRoutes(services: Services) {
  /** Select options are built here: Nunjucks has no tidy way to build lists. */
  async function usersPage(actor: Actor, extra: { values?: unknown; [k: string]: unknown } = {}) {
    const agencies = await listAgencies(services.db);
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const agencyItems = (selected: unknown) =>
      agencies.map((a) => ({ value: a.code, text: a.name, selected: a.code === selected }));
    const roleItems = (selected: unknown) =>
      ROLES.map((r) => ({ value: r, text: r.replace('_', ' '), selected: r === selected }));
    const viaProvider = await providerNamesByUser(services.db);
    const users = (await listUsers(services.db)).map((u) => ({
      ...u,
      signsInWith: viaProvider.get(u.id)?.provider ?? (u.password_hash ? 'Password' : 'Nothing yet'),
      pending: viaProvider.get(u.id)?.pending ?? false,
      agencyItems: agencyItems(u.agency_code),
      roleItems: roleItems(u.role),
    }));
    return {
      title: 'Users',
      users,
      pendingAccounts: await pendingFor(services, actor),
      approvalRoleItems: roleItems('viewer'),
      newAgencyItems: [
        { value: '', text: 'Choose an agency', selected: !values.agency },
        ...agencyItems(values.agency),
      ],
      newRoleItems: roleItems(values.role ?? 'viewer'),
      ...extra,
    };
  }

  return async function routes(app: FastifyInstance) {
    await app.register(singleSignOnAdminRoutes(services));

    app.get('/admin/users', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageUsers(actor));
      return reply.view('pages/users.njk', await usersPage(actor));
    });

    app.post('/admin/users', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageUsers(actor));
      const parsed = NewUserBody.safeParse(request.body);
      const agencies = await listAgencies(services.db);
      let error: { field: string; text: string } | null = null;
      if (!parsed.success)
        error = {
          field: String(parsed.error.issues[0]?.path[0] ?? 'email'),
          text: parsed.error.issues[0]?.message ?? 'Check the details',
        };
      else if (!agencies.some((a) => a.code === parsed.data.agency))
        error = { field: 'agency', text: 'Choose an agency' };
      else if (await findUserByEmail(services.db, parsed.data.email))
        error = { field: 'email', text: 'There is already a user with that email address' };
      else {
        const problem = passwordProblem(parsed.data.password, parsed.data.email);
        if (problem) error = { field: 'password', text: problem };
      }
      if (error || !parsed.success)
        return reply
          .status(400)
          .view('pages/users.njk', await usersPage(actor, { errorTitle: true, error, values: request.body }));
      const body = parsed.data;
      await services.db.transaction().execute(async (trx) => {
        const user = await insertUser(trx, {
          email: body.email,
          agency: body.agency,
          role: body.role,
          password: body.password,
        });
        await recordAudit(
          trx,
          {
            action: 'user.create',
            actor: who(actor),
            subjectType: 'user',
            subjectId: user.id,
            ip: request.ip,
            details: { after: { email: user.email, agency: user.agency_code, role: user.role } },
          },
          services.now(),
        );
      });
      return reply.redirect('/admin/users', 303);
    });

    app.post('/admin/users/:id', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageUsers(actor));
      const { id } = parseWith(IdParams, request.params);
      const body = parseWith(UpdateUserBody, request.body);
      const user = await findUserById(services.db, id);
      if (!user) throw notFound('User');
      // A pending single sign-on account is decided by its own agency's administrators (the approval form).
      allow(!(await isPending(services.db, id)));
      const agencies = await listAgencies(services.db);
      allow(agencies.some((a) => a.code === body.agency));
      const before = {
        agency: user.agency_code,
        role: user.role,
        disabled: user.disabled,
        locked: user.locked_until !== null,
      };
      const after = {
        agency: body.agency,
        role: body.role,
        disabled: body.disabled === 'true',
        locked: body.unlock ? false : before.locked,
      };
      await services.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({
            agency_code: after.agency,
            role: after.role,
            disabled: after.disabled,
            ...(body.unlock ? { locked_until: null, failed_sign_ins: 0 } : {}),
          })
          .where('id', '=', id)
          .execute();
        // New permissions apply from the next sign-in: end the person's sessions now.
        await deleteUserSessions(trx, id);
        await recordAudit(
          trx,
          {
            action: 'user.update',
            actor: who(actor),
            subjectType: 'user',
            subjectId: id,
            ip: request.ip,
            details: { before, after },
          },
          services.now(),
        );
      });
      return reply.redirect('/admin/users', 303);
    });

    app.get('/admin/agencies', async (request, reply) => {
      allow(canManageUsers(requireActor(request)));
      return reply.view('pages/agencies.njk', { title: 'Agencies', agencies: await listAgencies(services.db) });
    });

    app.get('/admin/tokens', async (request, reply) => {
      allow(canManageTokens(requireActor(request)));
      return reply.view('pages/tokens.njk', { title: 'API tokens', tokens: await listApiTokens(services.db) });
    });

    app.post('/admin/tokens', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageTokens(actor));
      const parsed = NewTokenBody.safeParse(request.body);
      const holder = parsed.success ? await findUserByEmail(services.db, parsed.data.email) : undefined;
      if (!parsed.success || !holder) {
        const text = parsed.success
          ? 'There is no user with that email address'
          : (parsed.error.issues[0]?.message ?? 'Check the details');
        const field = parsed.success ? 'email' : String(parsed.error.issues[0]?.path[0] ?? 'email');
        return reply.status(400).view('pages/tokens.njk', {
          title: 'API tokens',
          tokens: await listApiTokens(services.db),
          errorTitle: true,
          error: { field, text },
          values: request.body,
        });
      }
      const created = await services.db.transaction().execute(async (trx) => {
        const token = await createApiToken(trx, {
          userId: holder.id,
          name: parsed.data.name,
          scope: parsed.data.scope,
        });
        await recordAudit(
          trx,
          {
            action: 'token.create',
            actor: who(actor),
            subjectType: 'api_token',
            subjectId: token.id,
            ip: request.ip,
            details: { holder: holder.email, scope: parsed.data.scope, name: parsed.data.name },
          },
          services.now(),
        );
        return token;
      });
      return reply.view('pages/token-created.njk', {
        title: 'API token created',
        token: created.token,
        holder: holder.email,
        scope: parsed.data.scope,
      });
    });

    app.post('/admin/tokens/:id/revoke', async (request, reply) => {
      const actor = requireActor(request);
      allow(canManageTokens(actor));
      const { id } = parseWith(IdParams, request.params);
      await services.db.transaction().execute(async (trx) => {
        const revoked = await revokeApiToken(trx, id, services.now());
        if (!revoked) throw notFound('Live API token');
        await recordAudit(
          trx,
          { action: 'token.revoke', actor: who(actor), subjectType: 'api_token', subjectId: id, ip: request.ip },
          services.now(),
        );
      });
      return reply.redirect('/admin/tokens', 303);
    });
  };
}
