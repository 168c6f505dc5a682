import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const GOVUK_DIST = resolve(import.meta.dirname, '../../node_modules/govuk-frontend/dist/govuk');
const OWN_ASSETS = resolve(import.meta.dirname, '../views/assets');

/**
 * govuk-frontend's compiled CSS, without the GDS Transport font: that
 * typeface is only licensed for GOV.UK services, so (as councils do) Safer
 * uses the design system's own fallback, Arial.
 */
export function councilCss(css: string): string {
  return css.replace(/@font-face\{[^}]*GDS Transport[^}]*\}/g, '').replace(/GDS Transport,/g, '');
}

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(body: Buffer | string, type: string): Asset {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { body: buffer, type, etag: `"${createHash('sha256').update(buffer).digest('hex').slice(0, 16)}"` };
}

/** Serves the design system and Safer's own small files from this machine; nothing comes from a CDN. */
export async function setUpStaticAssets(app: FastifyInstance): Promise<void> {
  const files: Record<string, Asset> = {
    '/assets/govuk-frontend.min.css': asset(
      councilCss(readFileSync(resolve(GOVUK_DIST, 'govuk-frontend.min.css'), 'utf8')),
      'text/css; charset=utf-8',
    ),
    '/assets/govuk-frontend.min.js': asset(
      readFileSync(resolve(GOVUK_DIST, 'govuk-frontend.min.js')),
      'text/javascript; charset=utf-8',
    ),
    '/assets/app.css': asset(readFileSync(resolve(OWN_ASSETS, 'app.css')), 'text/css; charset=utf-8'),
    '/assets/dashboard.css': asset(readFileSync(resolve(OWN_ASSETS, 'dashboard.css')), 'text/css; charset=utf-8'),
    '/assets/app.js': asset(readFileSync(resolve(OWN_ASSETS, 'app.js')), 'text/javascript; charset=utf-8'),
    '/assets/init.js': asset(readFileSync(resolve(OWN_ASSETS, 'init.js')), 'text/javascript; charset=utf-8'),
    '/assets/uploadProgress.js': asset(
      readFileSync(resolve(OWN_ASSETS, 'uploadProgress.js')),
      'text/javascript; charset=utf-8',
    ),
    '/favicon.ico': asset(readFileSync(resolve(OWN_ASSETS, 'favicon.svg')), 'image/svg+xml'),
    '/assets/favicon.svg': asset(readFileSync(resolve(OWN_ASSETS, 'favicon.svg')), 'image/svg+xml'),
  };
  for (const [url, file] of Object.entries(files)) {
    app.get(url, { config: { rateLimit: false } }, async (request, reply) => {
      reply.header('Cache-Control', 'public, max-age=3600').header('ETag', file.etag).type(file.type);
      if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
      return reply.send(file.body);
    });
  }
  await app.register(fastifyStatic, {
    root: resolve(GOVUK_DIST, 'assets/images'),
    prefix: '/assets/images/',
    decorateReply: false,
  });
}
