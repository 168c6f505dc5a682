import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import {
  actionStatusRefusal,
  canManageBoards,
  canReadBoardContent,
  canSeeGovernance,
  minutingRefusal,
  type Seat,
} from './governancePolicy.ts';

/* The rules as a table: who arranges, who minutes, who reads a restricted board, who changes an action. */

const actor = (role: Actor['role'], id = 1): Actor => ({ id, email: `${role}@test.invalid`, agency: 'police', role });
const seat = (role: Seat['role']): Seat => ({ role, agencyCode: 'police', voting: true });

describe('governance policy', () => {
  it('managers arrange; administrators see nothing', () => {
    expect(canManageBoards(actor('partnership_manager'))).toBe(true);
    for (const role of ['viewer', 'analyst', 'data_owner', 'administrator'] as const)
      expect(canManageBoards(actor(role))).toBe(false);
    expect(canSeeGovernance(actor('administrator'))).toBe(false);
    expect(canSeeGovernance(actor('viewer'))).toBe(true);
  });

  it('the chair, vice-chair and secretariat minute; members, non-members and viewers do not', () => {
    for (const role of ['chair', 'vice-chair', 'secretariat'] as const)
      expect(minutingRefusal(actor('analyst'), 'B', seat(role))).toBeNull();
    expect(minutingRefusal(actor('analyst'), 'B', seat('member'))).toBe(
      'only the chair, vice-chair or secretariat of B can minute its meetings',
    );
    expect(minutingRefusal(actor('partnership_manager'), 'B', null)).toBe('only members of B can minute its meetings');
    expect(minutingRefusal(actor('viewer'), 'B', seat('chair'))).toBe(
      'your role (viewer) reads meetings but does not change them',
    );
  });

  it('a restricted board is read by its current members only; an open one by everyone signed in', () => {
    expect(canReadBoardContent(actor('partnership_manager'), true, null)).toBe(false);
    expect(canReadBoardContent(actor('viewer'), true, seat('member'))).toBe(true);
    expect(canReadBoardContent(actor('viewer'), false, null)).toBe(true);
    expect(canReadBoardContent(actor('administrator'), false, null)).toBe(false);
  });

  it('an action changes by its owner or a manager who reads the board, never a viewer', () => {
    expect(actionStatusRefusal(actor('analyst', 7), 7, true)).toBeNull();
    expect(actionStatusRefusal(actor('partnership_manager', 2), 7, true)).toBeNull();
    expect(actionStatusRefusal(actor('partnership_manager', 2), 7, false)).toBe(
      "only the action's owner or a partnership manager can change its status",
    );
    expect(actionStatusRefusal(actor('analyst', 2), 7, true)).toBe(
      "only the action's owner or a partnership manager can change its status",
    );
    expect(actionStatusRefusal(actor('viewer', 7), 7, true)).toBe(
      'your role (viewer) reads actions but does not change them',
    );
  });
});
