import { lineageGaps } from '../../../lineage/gaps.ts';
import { lineageHref } from '../../../lineage/kinds.ts';
import type { Services } from '../../../services.ts';

/* The gaps page's content: three lists, each item linked to its lineage page and its own page. */

const words = (text: string): string => {
  const all = text.trim().split(/\s+/);
  return all.length <= 20 ? all.join(' ') : `${all.slice(0, 20).join(' ')}…`;
};

export async function gapsPage(services: Services) {
  const today = services.now().toISOString().slice(0, 10);
  const gaps = await lineageGaps(services.db, today);
  const item = (i: (typeof gaps.recommendationsWithoutAction)[number]) => ({
    plan: i.plan,
    theme: i.theme,
    number: i.number ?? '',
    wording: words(i.wording),
    href: `/plans/${i.planId}/items/${i.id}`,
    lineage: lineageHref('plan-item', i.id),
  });
  return {
    title: 'Gaps in the thread',
    today,
    recommendations: gaps.recommendationsWithoutAction.map(item),
    actions: gaps.actionsWithoutOwnerOrOverdue.map((a) => ({
      ...item(a),
      owner: [a.ownerPerson, a.ownerAgency?.replaceAll('_', ' ')].filter(Boolean).join(', ') || 'No owner',
      due: a.dueOn ?? 'No due date',
      status: a.status,
      why: [a.noOwner ? 'no owner' : '', a.overdue ? 'overdue' : ''].filter(Boolean).join(' and '),
    })),
    indicators: gaps.indicatorsWithoutAction.map((i) => ({
      ...i,
      href: `/performance/indicators/${encodeURIComponent(i.id)}`,
      lineage: lineageHref('indicator', i.id),
    })),
  };
}
