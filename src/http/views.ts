import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import { canImportData, canManageTokens, canManageUsers, canReadAudit, type Actor } from '../auth/policy.ts';
import { roleRefusal } from '../reports/workflow/reportPolicy.ts';
import { GOVUK_DIST } from './assets.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a Nunjucks page with what every page needs (the signed-in person, CSRF token, navigation). */
    view(template: string, context?: Record<string, unknown>): FastifyReply;
    /**
     * Renders a page that readers sharing an access scope may share: the
     * signed-in person's email and CSRF token are left as slots for
     * `personalise` to fill per request (see http/pages/dashboard/cachedPage.ts).
     */
    renderShared(template: string, context?: Record<string, unknown>): SharedPage;
    /** A `renderShared` page filled with this request's person and CSRF token, ready to send. */
    personalise(page: SharedPage): Buffer;
  }
}

/** A rendered page as UTF-8 bytes with the per-person values cut out: parts[0] slots[0] parts[1] … parts[n]. */
export interface SharedPage {
  parts: Buffer[];
  slots: ('email' | 'csrf')[];
}

// Random per process, so no stored value can collide with them; letters and digits only, so escaping leaves them whole.
const PLACEHOLDER = {
  email: `saferpersonalemail${randomBytes(12).toString('hex')}`,
  csrf: `saferpersonalcsrf${randomBytes(12).toString('hex')}`,
};

/** The same escaping nunjucks applies to `{{ value }}` with autoescape on. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };
const escapeHtml = (value: string) => value.replace(/[&"'<>]/g, (c) => ESCAPES[c]!);

const VIEWS = resolve(import.meta.dirname, '../views');

/*
 * `{% from "x.njk" import m %}` without context runs x.njk's top level afresh on every call to collect its macros,
 * and govuk-frontend's components import three or four others each time one is used: a case page's forms spent most
 * of their render time there (bench/panels). Imported without context, a template's macros depend on nothing but
 * the template, so its exports are kept per compiled template (templates are cached, noCache: false) and reused.
 * Imports with context (`getExported(ctx, frame, cb)`) are left alone.
 */
type Exported = Record<string, unknown>;
type ExportedCallback = (err: Error | null, exported: Exported | null) => void;
const exportsOf = new WeakMap<object, Exported>();
// Not in nunjucks' type declarations, but a method of every compiled template since nunjucks 2.
const templates = nunjucks.Template.prototype as unknown as { getExported: (this: object, ...args: unknown[]) => void };
const getExported = templates.getExported;
templates.getExported = function memoisedExports(this: object, ...args: unknown[]) {
  const [done] = args;
  if (args.length !== 1 || typeof done !== 'function') return getExported.apply(this, args);
  const known = exportsOf.get(this);
  if (known) return (done as ExportedCallback)(null, known);
  return getExported.call(this, (err: Error | null, exported: Exported | null) => {
    if (!err && exported) exportsOf.set(this, exported);
    (done as ExportedCallback)(err, exported);
  });
};

export function createViewEnvironment(): nunjucks.Environment {
  // govuk-frontend's macros are imported as "govuk/components/…/macro.njk".
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([VIEWS, resolve(GOVUK_DIST, '..')], { noCache: false }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  );
  // nunjucks' own trim, str.replace(/^\s*|\s*$/g, ''), is quadratic in a string's whitespace, and govuk-frontend's
  // macros trim every component's markup, nested: a case page with ten action forms spent half its time in that one
  // regular expression (bench/panels, --cpu-prof). String.prototype.trim removes the same characters in one pass.
  env.addFilter('trim', (value: unknown) => {
    const trimmed = String(value ?? '').trim();
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  env.addFilter('dateTime', (value: unknown) => {
    if (value === null || value === undefined || value === '') return '';
    const d = value instanceof Date ? value : new Date(String(value));
    return Number.isNaN(d.getTime()) ? String(value) : d.toISOString().slice(0, 16).replace('T', ' ');
  });
  env.addFilter('number', (value: unknown) =>
    typeof value === 'number' ? value.toLocaleString('en-GB') : String(value ?? ''),
  );
  return env;
}

function navigationFor(actor: Actor, path: string) {
  const items = [
    { href: '/dashboard', text: 'Dashboard', show: true },
    { href: '/explorer', text: 'Explorer', show: true },
    { href: '/reports', text: 'Reports', show: roleRefusal(actor, 'read') === null },
    // Administrators run the service; partner returns and figures are not theirs to see (performancePolicy).
    { href: '/performance', text: 'Performance', show: actor.role !== 'administrator' },
    // Delivery (issue 19): each shown once its pages exist.
    { href: '/plans', text: 'Plans', show: actor.role !== 'administrator' },
    { href: '/boards', text: 'Meetings', show: actor.role !== 'administrator' },
    { href: '/my-actions', text: 'My actions', show: actor.role !== 'administrator' },
    // Registers and the provision map (issue 20): what each reader may see is decided per register.
    { href: '/registers', text: 'Registers', show: actor.role !== 'administrator' },
    { href: '/provision', text: 'Provision', show: actor.role !== 'administrator' },
    // Screening and panels (issue 21): any practitioner screens and refers; what each person sees of cases is
    // decided by need to know (src/panels/access), not by role, so administrators get no case pages in the menu.
    { href: '/screening', text: 'Screening', show: actor.role !== 'administrator' },
    { href: '/referrals', text: 'Referrals', show: actor.role !== 'administrator' },
    { href: '/panels', text: 'Panels', show: actor.role !== 'administrator' },
    { href: '/my-cases', text: 'My cases', show: actor.role !== 'administrator' },
    { href: '/subject-requests', text: 'Subject requests', show: actor.role === 'data_owner' },
    { href: '/data/imports', text: 'Data', show: true },
    { href: '/data/upload', text: 'Upload', show: canImportData(actor) },
    { href: '/admin/users', text: 'Users', show: canManageUsers(actor) },
    { href: '/admin/agencies', text: 'Agencies', show: canManageUsers(actor) },
    { href: '/admin/single-sign-on', text: 'Single sign-on', show: canManageUsers(actor) },
    { href: '/admin/tokens', text: 'API tokens', show: canManageTokens(actor) },
    { href: '/audit', text: 'Audit log', show: canReadAudit(actor) },
    { href: '/account', text: 'Your account', show: true },
  ];
  return items
    .filter((i) => i.show)
    .map((i) => ({
      href: i.href,
      text: i.text,
      active: i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`),
    }));
}

const signedIn = (request: FastifyRequest) =>
  request.session && !request.session.secondFactorPending ? request.actor : null;

export function setUpViews(app: FastifyInstance): void {
  const env = createViewEnvironment();
  const render = (
    request: FastifyRequest,
    template: string,
    context: Record<string, unknown>,
    personal: { email?: string; csrf?: string },
  ) => {
    const actor = signedIn(request);
    return env.render(template, {
      ...context,
      currentPath: request.url.split('?')[0],
      user: actor ? { email: personal.email ?? actor.email, agency: actor.agency, role: actor.role } : null,
      csrfToken: personal.csrf ?? request.csrfToken,
      navItems: actor ? navigationFor(actor, request.url.split('?')[0] ?? '/') : [],
    });
  };
  app.decorateReply('view', function view(this, template: string, context: Record<string, unknown> = {}) {
    return this.type('text/html; charset=utf-8').send(render(this.request, template, context, {}));
  });
  const slotPattern = new RegExp(`${PLACEHOLDER.email}|${PLACEHOLDER.csrf}`, 'g');
  app.decorateReply(
    'renderShared',
    function renderShared(this, template: string, context: Record<string, unknown> = {}): SharedPage {
      const html = render(this.request, template, context, PLACEHOLDER);
      const page: SharedPage = { parts: [], slots: [] };
      let from = 0;
      for (const m of html.matchAll(slotPattern)) {
        page.parts.push(Buffer.from(html.slice(from, m.index)));
        page.slots.push(m[0] === PLACEHOLDER.email ? 'email' : 'csrf');
        from = m.index + m[0].length;
      }
      page.parts.push(Buffer.from(html.slice(from)));
      return page;
    },
  );
  // Bytes are joined, not strings searched: a cached page costs one copy per request, not a scan and an encoding.
  app.decorateReply('personalise', function personalise(this, page: SharedPage): Buffer {
    const actor = signedIn(this.request);
    const values = {
      email: Buffer.from(escapeHtml(actor?.email ?? '')),
      csrf: Buffer.from(escapeHtml(this.request.csrfToken ?? '')),
    };
    const pieces: Buffer[] = [page.parts[0]!];
    page.slots.forEach((slot, i) => pieces.push(values[slot], page.parts[i + 1]!));
    return Buffer.concat(pieces);
  });
}
