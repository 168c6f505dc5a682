import type { ReferralStatus } from '../../../db/tables/panels.ts';

/** How a referral's status reads: "Awaiting triage", "Case opened at MACE", "Early help", "No further action". */
export function statusText(status: ReferralStatus, decision: string | null, shortName: (id: string) => string): string {
  if (status === 'awaiting-triage') return 'Awaiting triage';
  if (decision?.startsWith('case:')) return `Case opened at ${shortName(decision.slice(5))}`;
  if (decision === 'early-help') return 'Early help';
  if (decision === 'no-further-action') return 'No further action';
  return status === 'closed' ? 'Closed' : 'Triaged';
}
