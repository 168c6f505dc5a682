import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditPageReads, collectPageReads, type PageRead } from '../../../release/analyseFor.ts';
import { dataVersion, withDataVersion } from '../../../release/dataVersion.ts';
import type { AuditServices } from '../../../release/releaseServices.ts';
import type { ResultCache } from '../../../release/resultCache.ts';
import { accessKey } from '../../../release/sourceAccess.ts';
import { requireActor } from '../../guards.ts';
import type { SharedPage } from '../../views.ts';

/** What a dashboard page handler produces: a template, its context and (for a problem page) a status. */
export interface PageView {
  template: string;
  context: Record<string, unknown>;
  status?: number;
}

/** A rendered page with the reads it made of aggregate-only sources, shared by every reader with the same access scope. */
export interface CachedPage {
  status: number;
  page: SharedPage;
  reads: PageRead[];
}

/**
 * What the page cache needs of the services: the database (for the data
 * version and the audit log), the clock and the cache itself. Declared here,
 * not taken from src/services.ts, which builds the cache with cachedPageBytes.
 */
export type PageCacheServices = AuditServices & { readonly pageCache: ResultCache<CachedPage> };

/** Bytes a cached page holds (the cache's weight). */
export const cachedPageBytes = (p: CachedPage): number => p.page.parts.reduce((n, b) => n + b.length, 0);

/**
 * Serves a dashboard page from the page cache, keyed by data version, the
 * reader's access scope (role and agency decide every figure, link and
 * navigation item on the page) and the exact URL. The signed-in person's
 * email and CSRF token are filled per request; the audit records each
 * reader's first view of restricted figures as if the page were built for
 * them. An import or undo changes the data version, so no page outlives
 * its data; errors (e.g. a 400 for a bad period) are never cached.
 */
export function cachedPage(
  services: PageCacheServices,
  build: (request: FastifyRequest) => Promise<PageView>,
  options: {
    /**
     * What else the page depends on besides the data (e.g. the partner returns' version and the day; for a page
     * written for one person, who they are), for the key.
     */
    alsoDependsOn?: (request: FastifyRequest) => Promise<string>;
  } = {},
) {
  // The whole request, the miss's build included, reads the data version once (withDataVersion): its figures, charts
  // and reference lookups then share it, and the next request reads it afresh.
  return (request: FastifyRequest, reply: FastifyReply) => withDataVersion(services.db, () => serve(request, reply));

  async function serve(request: FastifyRequest, reply: FastifyReply) {
    const actor = requireActor(request);
    const version = await dataVersion(services.db);
    const also = options.alsoDependsOn === undefined ? '' : `|${await options.alsoDependsOn(request)}`;
    const key = `${version}${also}|${accessKey(actor)}|${request.protocol}://${request.host}${request.url}`;
    const cached = await services.pageCache.getOrCompute(key, async () => {
      const { value: view, reads } = await collectPageReads(() => build(request));
      return { status: view.status ?? 200, page: reply.renderShared(view.template, view.context), reads };
    });
    await auditPageReads(services, actor, cached.reads, request.ip, version);
    return reply.status(cached.status).type('text/html; charset=utf-8').send(reply.personalise(cached.page));
  }
}

/** A page for cachedPage to render. */
export const pageView = (template: string, context: Record<string, unknown>, status = 200): PageView => ({
  template,
  context,
  status,
});
