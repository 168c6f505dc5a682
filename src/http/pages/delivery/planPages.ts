import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PlanItemStatus } from '../../../db/tables/delivery.ts';
import { planImports } from '../../../delivery/importQueries.ts';
import { type PlanItemRow, planItemRows } from '../../../delivery/itemQueries.ts';
import { isPlanManager } from '../../../delivery/planPolicy.ts';
import { listPlans, planHeader, planStatusCounts, planThemes } from '../../../delivery/planQueries.ts';
import { PLAN_ITEM_STATUSES } from '../../../delivery/planStore.ts';
import { mayExportFigures } from '../../../release/sourceAccess.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { parseWith, requireActor } from '../../guards.ts';
import { agencyWords, firstLines, kindWords, requirePlanRule, statusTag } from './deliveryWords.ts';

export const PlanParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const PlanFilter = z.object({
  status: z
    .enum(PLAN_ITEM_STATUSES as [PlanItemStatus, ...PlanItemStatus[]])
    .optional()
    .catch(undefined),
  agency: z.string().max(40).optional().catch(undefined),
});

/** A plan row with its children, as the plan page nests them. */
interface ItemNode {
  row: PlanItemRow;
  children: ItemNode[];
}

/** Items as trees under their themes, keeping an item when it or any item under it passes the filter. */
function themeTrees(rows: readonly PlanItemRow[], keep: (r: PlanItemRow) => boolean): Map<number, ItemNode[]> {
  const nodes = new Map(rows.map((r) => [r.id, { row: r, children: [] as ItemNode[] }]));
  const roots = new Map<number, ItemNode[]>();
  for (const r of rows) {
    const node = nodes.get(r.id) as ItemNode;
    const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
    if (parent) parent.children.push(node);
    else roots.set(r.themeId, [...(roots.get(r.themeId) ?? []), node]);
  }
  const prune = (list: ItemNode[]): ItemNode[] =>
    list.map((n) => ({ row: n.row, children: prune(n.children) })).filter((n) => keep(n.row) || n.children.length > 0);
  return new Map([...roots].map(([theme, list]) => [theme, prune(list)]));
}

/** The rows of a theme's table, depth first, each with its depth for the indent. */
const flatten = (list: ItemNode[], depth = 0): { row: PlanItemRow; depth: number }[] =>
  list.flatMap((n) => [{ row: n.row, depth }, ...flatten(n.children, depth + 1)]);

const countsWords = (counts: Record<string, number> | undefined) =>
  PLAN_ITEM_STATUSES.filter((s) => (counts?.[s] ?? 0) > 0).map((s) => `${counts?.[s]} ${s}`);

/** The plans list and one plan's page. Administrators run the service and read no plans (planPolicy). */
export function planPages(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get('/plans', async (request, reply) => {
      const actor = requireActor(request);
      requirePlanRule(actor, 'read');
      const [plans, counts] = await Promise.all([listPlans(services.db), planStatusCounts(services.db)]);
      return reply.view('pages/delivery/plans.njk', {
        title: 'Plans',
        manager: isPlanManager(actor),
        plans: plans.map((p) => ({
          ...p,
          kindText: kindWords(p.kind),
          ownerText: p.ownerAgency ? agencyWords(p.ownerAgency) : '',
          statusWords: countsWords(counts.get(p.id)),
        })),
      });
    });

    app.get('/plans/:id', async (request, reply) => {
      const actor = requireActor(request);
      requirePlanRule(actor, 'read');
      const { id } = parseWith(PlanParams, request.params);
      const filter = PlanFilter.parse(request.query ?? {});
      const plan = await planHeader(services.db, id);
      if (!plan) throw notFound('Plan');
      const [themes, rows, imports] = await Promise.all([
        planThemes(services.db, id),
        planItemRows(services.db, id),
        planImports(services.db, id),
      ]);
      const agency = filter.agency === '' ? undefined : filter.agency;
      const keep = (r: PlanItemRow) =>
        (filter.status === undefined || r.status === filter.status) &&
        (agency === undefined || (agency === 'none' ? r.ownerAgency === null : r.ownerAgency === agency));
      const trees = themeTrees(rows, keep);
      const agencies = [...new Set(rows.map((r) => r.ownerAgency).filter((a): a is string => a !== null))].sort();
      return reply.view('pages/delivery/plan.njk', {
        title: plan.title,
        plan: {
          ...plan,
          kindText: kindWords(plan.kind),
          ownerText: plan.ownerAgency ? agencyWords(plan.ownerAgency) : '',
        },
        mayDownload: mayExportFigures(actor),
        filtered: filter.status !== undefined || agency !== undefined,
        statusItems: [
          { value: '', text: 'Any status' },
          ...PLAN_ITEM_STATUSES.map((s) => ({ value: s, text: statusTag(s).text, selected: s === filter.status })),
        ],
        agencyItems: [
          { value: '', text: 'Any agency' },
          ...agencies.map((a) => ({ value: a, text: agencyWords(a), selected: a === agency })),
          { value: 'none', text: 'No owner agency', selected: agency === 'none' },
        ],
        themes: themes
          .map((t) => ({
            ...t,
            rows: flatten(trees.get(t.id) ?? []).map(({ row, depth }) => ({
              ...row,
              depth,
              summary: firstLines(row.wording),
              ownerText: [row.ownerPerson, row.ownerAgency ? agencyWords(row.ownerAgency) : null]
                .filter(Boolean)
                .join(', '),
              tag: statusTag(row.status),
            })),
          }))
          .filter((t) => t.rows.length > 0 || filter.status === undefined),
        imports,
      });
    });
  };
}
