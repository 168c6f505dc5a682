import type { Actor } from '../../auth/policy.ts';

/*
 * Who may do what with indicators and returns (issue 18), as rules in one place like src/auth/policy.ts.
 * The partnership's returns are checked by its own analysts: the analysts of the agency that hosts the
 * Community Safety Partnership (the council, as in every seed) and any partnership manager.
 */

/** The agency that hosts the partnership: its analysts check every agency's return. */
export const PARTNERSHIP_AGENCY = 'local_authority';

const ENTERING_ROLES = new Set(['analyst', 'data_owner', 'partnership_manager']);

/** Checks returns (accept, send back) and sees every agency's. */
export const isReturnChecker = (actor: Actor): boolean =>
  actor.role === 'partnership_manager' || (actor.role === 'analyst' && actor.agency === PARTNERSHIP_AGENCY);

/** An agency's own users see its return (viewers too: a board member reads their agency's figures). */
export const canSeeReturn = (actor: Actor, agency: string): boolean =>
  actor.role !== 'administrator' && (actor.agency === agency || isReturnChecker(actor));

/** Only the agency's own analysts, data owners and managers fill in and submit its return; viewers never. */
export const canEnterReturn = (actor: Actor, agency: string): boolean =>
  actor.agency === agency && ENTERING_ROLES.has(actor.role);

/** Four eyes: a checker may not accept or send back a return they submitted themselves. */
export const canCheckReturn = (actor: Actor, submittedBy: number | null): boolean =>
  isReturnChecker(actor) && submittedBy !== actor.id;

export const canOpenQuarter = (actor: Actor): boolean => actor.role === 'partnership_manager';
export const canEditIndicators = (actor: Actor): boolean => actor.role === 'partnership_manager';
