import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../auth/policy.ts';
import { type PlanAction, planRefusal } from './planPolicy.ts';

/*
 * Every cell of the plan rules, written out by hand: each role (all of police) against each action on an item
 * owned by police (their own), by the council (another agency) and by nobody. Y = allowed; otherwise the refusal.
 */
const police = (role: Role): Actor => ({ id: 1, email: `${role}@police.test`, agency: 'police', role });
const ADMIN = 'administrators run the service: they do not read or change plans';
const VIEWER = 'viewers read plans but change nothing';
const OTHER = 'only local authority can update this action: it is owned by local authority';
const NOBODY = 'only partnership managers can update this action: it has no owner agency yet';
const ASSIGN = 'only partnership managers can assign owners and due dates';
const REWORD = 'only partnership managers can change the wording of an action';
const IMPORT = 'only partnership managers can import plans';
const REVIEW = "only partnership managers can review an import's doubtful matches";
const Y = null;

type Cells = Record<PlanAction, [own: string | null, other: string | null, none: string | null]>;
const all = (v: string | null): [string | null, string | null, string | null] => [v, v, v];
const TABLE: Record<Role, Cells> = {
  administrator: {
    read: all(ADMIN),
    status: all(ADMIN),
    update: all(ADMIN),
    assign: all(ADMIN),
    reword: all(ADMIN),
    import: all(ADMIN),
    review: all(ADMIN),
  },
  viewer: {
    read: all(Y),
    status: all(VIEWER),
    update: all(VIEWER),
    assign: all(VIEWER),
    reword: all(VIEWER),
    import: all(VIEWER),
    review: all(VIEWER),
  },
  analyst: {
    read: all(Y),
    status: [Y, OTHER, NOBODY],
    update: [Y, OTHER, NOBODY],
    assign: all(ASSIGN),
    reword: all(REWORD),
    import: all(IMPORT),
    review: all(REVIEW),
  },
  data_owner: {
    read: all(Y),
    status: [Y, OTHER, NOBODY],
    update: [Y, OTHER, NOBODY],
    assign: all(ASSIGN),
    reword: all(REWORD),
    import: all(IMPORT),
    review: all(REVIEW),
  },
  partnership_manager: {
    read: all(Y),
    status: all(Y),
    update: all(Y),
    assign: all(Y),
    reword: all(Y),
    import: all(Y),
    review: all(Y),
  },
};

describe('plan rules', () => {
  const owners = [{ ownerAgency: 'police' }, { ownerAgency: 'local_authority' }, { ownerAgency: null }];
  for (const [role, cells] of Object.entries(TABLE) as [Role, Cells][])
    for (const [action, expected] of Object.entries(cells) as [PlanAction, Cells[PlanAction]][])
      it(`${role} ${action}`, () => {
        expect(owners.map((item) => planRefusal(police(role), action, item))).toEqual(expected);
      });

  it('names the owning agency in the refusal, whichever it is', () => {
    expect(planRefusal({ ...police('analyst'), agency: 'health' }, 'update', { ownerAgency: 'police' })).toBe(
      'only police can update this action: it is owned by police',
    );
  });
});
