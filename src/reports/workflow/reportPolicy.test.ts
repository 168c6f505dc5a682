import { describe, expect, it } from 'vitest';
import { type Actor, ROLES, type Role } from '../../auth/policy.ts';
import type { ReportStatus } from '../../db/tables/reports.ts';
import {
  type ReportAction,
  type ReportFacts,
  refusal,
  REPORT_RULES,
  ReportError,
  statusAfter,
  assertAllowed,
} from './reportPolicy.ts';

const actor = (role: Role, id = 10): Actor => ({ id, email: `${role}@example.org`, agency: 'police', role });
/** A report whose latest version was written by user 99, so no actor below wrote it unless asked. */
const report = (status: ReportStatus, latestVersionBy = 99): ReportFacts => ({ id: 7, status, latestVersionBy });
const STATES: ReportStatus[] = ['draft', 'in_review', 'approved', 'published'];

/*
 * The whole matrix, written out by hand from the brief rather than derived from REPORT_RULES, so a change to the
 * table shows up here as a failing row. 'state' lists where the action is allowed for the allowed roles.
 */
const EXPECTED: Record<ReportAction, { roles: Role[]; states: ReportStatus[] }> = {
  read: { roles: ['viewer', 'analyst', 'data_owner', 'partnership_manager'], states: STATES },
  create: { roles: ['analyst', 'partnership_manager'], states: [] },
  edit: { roles: ['analyst', 'partnership_manager'], states: ['draft'] },
  comment: { roles: ['analyst', 'data_owner', 'partnership_manager'], states: ['draft', 'in_review'] },
  resolve: { roles: ['analyst', 'data_owner', 'partnership_manager'], states: ['draft', 'in_review'] },
  submit: { roles: ['analyst', 'partnership_manager'], states: ['draft'] },
  return: { roles: ['analyst', 'data_owner', 'partnership_manager'], states: ['in_review'] },
  approve: { roles: ['partnership_manager'], states: ['in_review'] },
  publish: { roles: ['partnership_manager'], states: ['approved'] },
};
const ACTIONS = Object.keys(EXPECTED) as ReportAction[];

describe('report policy: every action × role × state', () => {
  const cases = ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) => STATES.map((status) => ({ action, role, status }))),
  ).filter((c) => c.action !== 'create');

  it.each(cases)('$role $action in $status', ({ action, role, status }) => {
    const got = refusal(actor(role), action, report(status), { reason: 'figures in section 2 need checking' });
    const expected = EXPECTED[action];
    if (!expected.roles.includes(role)) expect(got?.code).toBe('FORBIDDEN');
    else if (!expected.states.includes(status)) expect(got?.code).toBe('INVALID_STATE');
    else expect(got).toBeNull();
  });

  it.each(ROLES)('%s creating a report', (role) => {
    const got = refusal(actor(role), 'create', null);
    expect(got?.code ?? 'allowed').toBe(EXPECTED.create.roles.includes(role) ? 'allowed' : 'FORBIDDEN');
  });
});

describe('report policy: transitions', () => {
  it('leads each status action to its status', () => {
    expect(statusAfter('submit')).toBe('in_review');
    expect(statusAfter('return')).toBe('draft');
    expect(statusAfter('approve')).toBe('approved');
    expect(statusAfter('publish')).toBe('published');
    expect(REPORT_RULES.edit).not.toHaveProperty('to');
  });

  it('refuses a partnership manager approving the version they wrote (separation of duties)', () => {
    const manager = actor('partnership_manager', 5);
    const got = refusal(manager, 'approve', report('in_review', 5));
    expect(got).toBeInstanceOf(ReportError);
    expect(got?.code).toBe('FORBIDDEN');
    expect(got?.message).toBe('you wrote the latest version of report 7: another partnership manager must approve it');
    expect(refusal(actor('partnership_manager', 6), 'approve', report('in_review', 5))).toBeNull();
  });

  it('lets the latest author submit, edit and publish (only approval is separated)', () => {
    const analyst = actor('analyst', 5);
    expect(refusal(analyst, 'submit', report('draft', 5))).toBeNull();
    expect(refusal(analyst, 'edit', report('draft', 5))).toBeNull();
    expect(refusal(actor('partnership_manager', 5), 'publish', report('approved', 5))).toBeNull();
  });

  it('needs a reason to return a report to draft', () => {
    const reviewer = actor('data_owner');
    for (const reason of [undefined, '', '   ']) {
      const got = refusal(reviewer, 'return', report('in_review'), { reason });
      expect(got?.code).toBe('VALIDATION');
      expect(got?.message).toBe('say why report 7 goes back to draft: a reason is needed');
    }
    expect(refusal(reviewer, 'return', report('in_review'), { reason: 'rates need the 2021 population' })).toBeNull();
  });
});

describe('report policy: refusals people read', () => {
  const analyst = actor('analyst');
  it('says published versions are frozen', () => {
    expect(refusal(analyst, 'edit', report('published'))?.message).toBe(
      'report 7 is published: published versions are frozen',
    );
    expect(refusal(analyst, 'comment', report('published'))?.message).toBe(
      'report 7 is published: published versions are frozen',
    );
  });
  it('says what to do with a report in review or approved', () => {
    expect(refusal(analyst, 'edit', report('in_review'))?.message).toBe(
      'report 7 is in review: return it to draft to edit it',
    );
    expect(refusal(analyst, 'edit', report('approved'))?.message).toBe(
      'report 7 is approved: only a draft can be edited',
    );
    expect(refusal(actor('partnership_manager'), 'publish', report('in_review'))?.message).toBe(
      'report 7 is in review: you can publish only when it is approved',
    );
  });
  it('names the role refused, and tells administrators reports are not theirs', () => {
    expect(refusal(actor('viewer'), 'comment', report('draft'))?.message).toBe('a viewer may not comment on reports');
    expect(refusal(actor('analyst'), 'approve', report('in_review'))?.message).toBe(
      'an analyst may not approve reports',
    );
    expect(refusal(actor('administrator'), 'read', report('draft'))?.message).toBe(
      'an administrator may not read reports: administrators manage accounts, not reports',
    );
  });
  it('checks the role before the state: a viewer is told they may not, not that the report is published', () => {
    expect(refusal(actor('viewer'), 'edit', report('published'))?.code).toBe('FORBIDDEN');
  });
  it('throws the refusal from assertAllowed', () => {
    expect(() => assertAllowed(actor('viewer'), 'edit', report('draft'))).toThrow(ReportError);
    expect(() => assertAllowed(analyst, 'edit', report('draft'))).not.toThrow();
  });
});
