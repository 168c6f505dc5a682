import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelRole } from '../access/caseAccess.ts';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { addMember, leaveMember, panelMembers } from './membership.ts';
import { CaseRefusedError } from './panelErrors.ts';
import { panelSummaries } from './panelQueries.ts';

let f: PanelFixture;
const NOW = new Date('2026-11-20T10:00:00Z');
const memberRows = async () =>
  Number((await f.db.selectFrom('panel_member').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  f = await createPanelFixture();
}, 120_000);
afterAll(async () => f?.t.drop());

describe('panel membership', () => {
  it('a partnership manager adds a member for their own agency; leaving keeps the row and ends the access', async () => {
    const { memberId } = await addMember(
      f.db,
      f.people.manager,
      'mace',
      { userId: String(f.people.councilOutsider.id), role: 'member' },
      NOW,
    );
    const row = await f.db.selectFrom('panel_member').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    expect([row.agency, row.role, row.joined_on, row.left_on, row.added_by]).toEqual([
      'local_authority',
      'member',
      '2026-11-20',
      null,
      'manager@synthetic.test',
    ]);
    expect(await panelRole(f.db, f.people.councilOutsider, 'mace', NOW)).toBe('member');
    await leaveMember(f.db, f.people.maceChair, 'mace', memberId, NOW);
    const left = await f.db
      .selectFrom('panel_member')
      .select('left_on')
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    expect(left.left_on).toBe('2026-11-20');
    expect(await panelRole(f.db, f.people.councilOutsider, 'mace', NOW)).toBeNull();
    await expect(leaveMember(f.db, f.people.maceChair, 'mace', memberId, NOW)).rejects.toThrow(
      'member: already left on 2026-11-20',
    );
    await expect(leaveMember(f.db, f.people.maceChair, 'marac', memberId, NOW)).rejects.toBeInstanceOf(
      CaseRefusedError,
    );
    const members = await panelMembers(f.db, 'mace');
    expect(members.filter((m) => m.email === 'councilOutsider@synthetic.test').map((m) => m.leftOn)).toEqual([
      '2026-11-20',
    ]);
    const audit = await f.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'panel.member%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['panel.member.add', 'panel.member.leave']);
  });

  it('refuses an administrator as a member, a second current membership, a bad role and a plain member managing', async () => {
    const before = await memberRows();
    await expect(
      addMember(f.db, f.people.manager, 'mace', { userId: f.people.admin.id, role: 'member' }, NOW),
    ).rejects.toThrow('userId: administrators cannot be panel members');
    await expect(
      addMember(f.db, f.people.manager, 'mace', { userId: f.people.macePolice.id, role: 'member' }, NOW),
    ).rejects.toThrow('userId: macePolice@synthetic.test is already a member of this panel');
    await expect(
      addMember(f.db, f.people.manager, 'mace', { userId: f.people.viewer.id, role: 'boss' }, NOW),
    ).rejects.toThrow('role:');
    await expect(
      addMember(f.db, f.people.macePolice, 'mace', { userId: f.people.viewer.id, role: 'member' }, NOW),
    ).rejects.toBeInstanceOf(CaseRefusedError);
    await expect(
      addMember(f.db, f.people.admin, 'mace', { userId: f.people.viewer.id, role: 'member' }, NOW),
    ).rejects.toBeInstanceOf(CaseRefusedError);
    expect(await memberRows()).toBe(before);
  });

  it('the MARAC coordinator manages MARAC, not MACE', async () => {
    await addMember(f.db, f.people.maracCoordinator, 'marac', { userId: f.people.viewer.id, role: 'member' }, NOW);
    await expect(
      addMember(f.db, f.people.maracCoordinator, 'mace', { userId: f.people.viewer.id, role: 'member' }, NOW),
    ).rejects.toBeInstanceOf(CaseRefusedError);
  });

  it('summaries count current members and open cases and mark the reader’s role', async () => {
    const list = await panelSummaries(f.db, NOW, f.people.maceChair.id);
    const mace = list.find((p) => p.definition.id === 'mace');
    // maceChair, macePolice, maceChildren (councilOutsider left today).
    expect([mace?.members, mace?.openCases, mace?.myRole]).toEqual([3, 0, 'chair']);
    expect(list.find((p) => p.definition.id === 'marac')?.myRole).toBeNull();
  });
});
