import type { Actor, Role } from '../../auth/policy.ts';
import type { ReportStatus } from '../../db/tables/reports.ts';

/*
 * Who may do what to a report, and in which state: one table, read by one function, so that the whole workflow
 * can be reviewed in one place (and tested row by row) rather than found in scattered ifs. Pure: no I/O.
 */

export type ReportErrorCode = 'FORBIDDEN' | 'INVALID_STATE' | 'NOT_FOUND' | 'VALIDATION';

/** A refusal, with a message people read (naming the report and the block where relevant). */
export class ReportError extends Error {
  readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string) {
    super(message);
    this.name = 'ReportError';
    this.code = code;
  }
}

export type ReportAction =
  | 'read'
  | 'create'
  | 'edit'
  | 'comment'
  | 'resolve'
  | 'submit'
  | 'return'
  | 'approve'
  | 'publish';
/** The actions that move a report from one status to another. */
export type StatusAction = 'submit' | 'return' | 'approve' | 'publish';

interface Rule {
  readonly roles: readonly Role[];
  /** States the action is allowed in; null for create (there is no report yet). */
  readonly from: readonly ReportStatus[] | null;
  /** The status afterwards, for a transition. */
  readonly to?: ReportStatus;
  readonly reasonRequired?: boolean;
  /** Separation of duties: the author of the latest narrative version may not do this. */
  readonly notLatestAuthor?: boolean;
}

const WRITERS = ['analyst', 'partnership_manager'] as const satisfies readonly Role[];
/** Reviewers: everyone who may comment. A data owner reviews how their agency's data is described. */
const REVIEWERS = ['analyst', 'data_owner', 'partnership_manager'] as const satisfies readonly Role[];
const ALL_STATES = ['draft', 'in_review', 'approved', 'published'] as const satisfies readonly ReportStatus[];

/**
 * The workflow. Administrators appear nowhere: they manage accounts, not reports. Viewers only read.
 * Reading is open to every other signed-in role whatever the report's agency or classification: a decision to
 * revisit once reports carry restricted figures (see listReports).
 */
export const REPORT_RULES = {
  read: { roles: ['viewer', ...REVIEWERS], from: ALL_STATES },
  create: { roles: WRITERS, from: null },
  edit: { roles: WRITERS, from: ['draft'] },
  comment: { roles: REVIEWERS, from: ['draft', 'in_review'] },
  resolve: { roles: REVIEWERS, from: ['draft', 'in_review'] },
  submit: { roles: WRITERS, from: ['draft'], to: 'in_review' },
  return: { roles: REVIEWERS, from: ['in_review'], to: 'draft', reasonRequired: true },
  approve: { roles: ['partnership_manager'], from: ['in_review'], to: 'approved', notLatestAuthor: true },
  publish: { roles: ['partnership_manager'], from: ['approved'], to: 'published' },
} as const satisfies Record<ReportAction, Rule>;

/** What the policy needs to know of a report. */
export interface ReportFacts {
  readonly id: number;
  readonly status: ReportStatus;
  /** app_user id of whoever saved the latest narrative version. */
  readonly latestVersionBy: number;
}

const STATUS_WORDS: Record<ReportStatus, string> = {
  draft: 'a draft',
  in_review: 'in review',
  approved: 'approved',
  published: 'published',
};

const VERBS: Record<ReportAction, string> = {
  read: 'read reports',
  create: 'create reports',
  edit: 'edit reports',
  comment: 'comment on reports',
  resolve: 'resolve comments',
  submit: 'submit reports for review',
  return: 'return reports to draft',
  approve: 'approve reports',
  publish: 'publish reports',
};

const ROLE_WORDS: Record<Role, string> = {
  viewer: 'a viewer',
  analyst: 'an analyst',
  partnership_manager: 'a partnership manager',
  data_owner: 'a data owner',
  administrator: 'an administrator',
};

function stateMessage(action: ReportAction, report: ReportFacts): string {
  const is = `report ${report.id} is ${STATUS_WORDS[report.status]}`;
  if ((action === 'edit' || action === 'comment' || action === 'resolve') && report.status === 'published')
    return `${is}: published versions are frozen`;
  if (action === 'edit' && report.status === 'in_review') return `${is}: return it to draft to edit it`;
  if (action === 'edit') return `${is}: only a draft can be edited`;
  const allowed = (REPORT_RULES[action].from ?? []).map((s) => STATUS_WORDS[s]).join(' or ');
  return `${is}: you can ${action} only when it is ${allowed}`;
}

/** Why `actor`'s role may never do `action`, whatever the report (listing reports asks only this). */
export function roleRefusal(actor: Actor, action: ReportAction): ReportError | null {
  const rule: Rule = REPORT_RULES[action];
  if (rule.roles.includes(actor.role)) return null;
  const why = actor.role === 'administrator' ? ': administrators manage accounts, not reports' : '';
  return new ReportError('FORBIDDEN', `${ROLE_WORDS[actor.role]} may not ${VERBS[action]}${why}`);
}

/**
 * Why `actor` may not do `action` to `report` (null to create one), or null when allowed. The role is checked
 * first: someone who may never do it is told so, not that the report is in the wrong state.
 */
export function refusal(
  actor: Actor,
  action: ReportAction,
  report: ReportFacts | null,
  input: { reason?: string } = {},
): ReportError | null {
  const rule: Rule = REPORT_RULES[action];
  const forbidden = roleRefusal(actor, action);
  if (forbidden || rule.from === null) return forbidden;
  if (report === null) return new ReportError('NOT_FOUND', 'no such report');
  if (!rule.from.includes(report.status)) return new ReportError('INVALID_STATE', stateMessage(action, report));
  if (rule.notLatestAuthor && report.latestVersionBy === actor.id)
    return new ReportError(
      'FORBIDDEN',
      `you wrote the latest version of report ${report.id}: another partnership manager must ${action} it`,
    );
  if (rule.reasonRequired && (input.reason ?? '').trim() === '')
    return new ReportError('VALIDATION', `say why report ${report.id} goes back to draft: a reason is needed`);
  return null;
}

/** Throws the refusal, if any. */
export function assertAllowed(
  actor: Actor,
  action: ReportAction,
  report: ReportFacts | null,
  input?: { reason?: string },
): void {
  const refused = refusal(actor, action, report, input);
  if (refused) throw refused;
}

/** The status a transition leads to. */
export const statusAfter = (action: StatusAction): ReportStatus => REPORT_RULES[action].to;
