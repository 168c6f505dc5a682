import type { Actor } from '../auth/policy.ts';

/*
 * Who may do what with a plan (issue 19), as one table read by one function, so the rules can be reviewed (and
 * tested cell by cell) in one place. Pure. Administrators run the service and neither read nor change plans;
 * viewers read; partnership managers change anything; an agency's analysts and data owners set the status of,
 * and write updates on, the items their own agency owns. Each refusal says which rule refused it.
 */

export type PlanAction = 'read' | 'status' | 'update' | 'assign' | 'reword' | 'import' | 'review';

/** What the rules need to know about the item acted on (the actions on an item: status and update). */
export interface PlanItemOwner {
  ownerAgency: string | null;
}

const agencyWords = (code: string) => code.replaceAll('_', ' ');

const MANAGER_ONLY: Record<Exclude<PlanAction, 'read' | 'status' | 'update'>, string> = {
  assign: 'only partnership managers can assign owners and due dates',
  reword: 'only partnership managers can change the wording of an action',
  import: 'only partnership managers can import plans',
  review: "only partnership managers can review an import's doubtful matches",
};

/** null when allowed, else the rule that refuses it, in words a person can act on. */
export function planRefusal(actor: Actor, action: PlanAction, item?: PlanItemOwner): string | null {
  if (actor.role === 'administrator') return 'administrators run the service: they do not read or change plans';
  if (action === 'read') return null;
  if (actor.role === 'viewer') return 'viewers read plans but change nothing';
  if (actor.role === 'partnership_manager') return null;
  if (action !== 'status' && action !== 'update') return MANAGER_ONLY[action];
  const owner = item?.ownerAgency ?? null;
  if (owner === null) return 'only partnership managers can update this action: it has no owner agency yet';
  if (owner !== actor.agency)
    return `only ${agencyWords(owner)} can update this action: it is owned by ${agencyWords(owner)}`;
  return null;
}

export const canReadPlans = (actor: Actor): boolean => planRefusal(actor, 'read') === null;
export const mayChangeItem = (actor: Actor, item: PlanItemOwner): boolean =>
  planRefusal(actor, 'update', item) === null;
export const isPlanManager = (actor: Actor): boolean => actor.role === 'partnership_manager';
