import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../guards.ts';
import { parseWith } from '../../guards.ts';
import type { Actor } from '../../../auth/policy.ts';
import type { Services } from '../../../services.ts';
import { DashboardQuery, hrefWith, resolveFilters, type ResolvedFilters } from './dashboardQuery.ts';

/** The dashboard's sections, in the order the navigation shows them. */
export const DASHBOARD_SECTIONS = [
  { path: '/dashboard', text: 'Overview' },
  { path: '/dashboard/trends', text: 'Trends' },
  { path: '/dashboard/places', text: 'Places' },
  { path: '/dashboard/time', text: 'Time' },
  { path: '/dashboard/people', text: 'People' },
  { path: '/explorer', text: 'Explorer' },
] as const;

/** Filters that carry across sections (area and period); the rest belong to one page. */
const CARRIED = ['area', 'period', 'compare'] as const;

export interface DashboardRequest {
  actor: Actor;
  query: DashboardQuery;
  filters: ResolvedFilters;
  /** The common view context: pass it to reply.view with the page's own values. */
  context: (sectionPath: string, page: Record<string, unknown>) => Record<string, unknown>;
}

/** Reads the shared filters and builds the context every dashboard page needs. */
export async function dashboardRequest<S extends typeof DashboardQuery>(
  services: Services,
  request: FastifyRequest,
  schema: S = DashboardQuery as S,
): Promise<DashboardRequest & { query: ReturnType<S['parse']> }> {
  const actor = requireActor(request);
  const query = parseWith(schema, request.query ?? {}) as ReturnType<S['parse']>;
  const filters = await resolveFilters(services, query);
  const carried: Record<string, string | undefined> = {};
  for (const key of CARRIED) carried[key] = query[key];
  return {
    actor,
    query,
    filters,
    context: (sectionPath, page) => ({
      sectionPath,
      dashboardSections: DASHBOARD_SECTIONS.map((s) => ({ ...s, href: hrefWith(s.path, carried) })),
      filters,
      query,
      ...page,
    }),
  };
}
