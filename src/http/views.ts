import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import nunjucks from 'nunjucks';
import { canImportData, canManageTokens, canManageUsers, canReadAudit, type Actor } from '../auth/policy.ts';
import { GOVUK_DIST } from './assets.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a Nunjucks page with what every page needs (the signed-in person, CSRF token, navigation). */
    view(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}

const VIEWS = resolve(import.meta.dirname, '../views');

export function createViewEnvironment(): nunjucks.Environment {
  // govuk-frontend's macros are imported as "govuk/components/…/macro.njk".
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS, resolve(GOVUK_DIST, '..')], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('dateTime', (value: unknown) => {
    if (value === null || value === undefined || value === '') return '';
    const d = value instanceof Date ? value : new Date(String(value));
    return Number.isNaN(d.getTime()) ? String(value) : d.toISOString().slice(0, 16).replace('T', ' ');
  });
  env.addFilter('number', (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-GB') : String(value ?? '')));
  return env;
}

function navigationFor(actor: Actor, path: string) {
  const items = [
    { href: '/dashboard', text: 'Dashboard', show: true },
    { href: '/explorer', text: 'Explorer', show: true },
    { href: '/data/imports', text: 'Data', show: true },
    { href: '/data/upload', text: 'Upload', show: canImportData(actor) },
    { href: '/admin/users', text: 'Users', show: canManageUsers(actor) },
    { href: '/admin/agencies', text: 'Agencies', show: canManageUsers(actor) },
    { href: '/admin/tokens', text: 'API tokens', show: canManageTokens(actor) },
    { href: '/audit', text: 'Audit log', show: canReadAudit(actor) },
    { href: '/account', text: 'Your account', show: true },
  ];
  return items
    .filter((i) => i.show)
    .map((i) => ({ href: i.href, text: i.text, active: i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`) }));
}

export function setUpViews(app: FastifyInstance): void {
  const env = createViewEnvironment();
  app.decorateReply('view', function view(this, template: string, context: Record<string, unknown> = {}) {
    const request = this.request;
    const session = request.session;
    const actor = session && !session.secondFactorPending ? request.actor : null;
    const html = env.render(template, {
      ...context,
      currentPath: request.url.split('?')[0],
      user: actor ? { email: actor.email, agency: actor.agency, role: actor.role } : null,
      csrfToken: request.csrfToken,
      navItems: actor ? navigationFor(actor, request.url.split('?')[0] ?? '/') : [],
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
}
