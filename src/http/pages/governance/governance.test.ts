import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../auth/policy.ts';
import { addAction } from '../../../governance/actionStore.ts';
import { recordMinutes } from '../../../governance/meetingStore.ts';
import {
  PEOPLE,
  boardWithMembers,
  governanceCounts,
  meetingOn,
  type People,
} from '../../../governance/testing/governanceFixture.ts';
import { type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The governance pages over the real app: who sees what (restricted minutes hidden from non-members, shown to
 * members), who may change what (a non-member manager may not minute; a viewer changes nothing), forms with
 * error summaries, and the .ics download.
 */

let h: Harness;
let p: People;
let admin: Actor;
const as = {} as Record<keyof People | 'admin', Browser>;
let csp = 0;
let restricted = 0;
let cspMeeting = 0;
let restrictedMeeting = 0;

beforeAll(async () => {
  h = await createHarness();
  const db = h.services.db;
  p = {} as People;
  for (const [key, [email, agency, role]] of Object.entries(PEOPLE)) {
    const user = await h.addUser(email, agency, role);
    await db
      .updateTable('app_user')
      .set({ display_name: `${key} (test)` })
      .where('id', '=', user.id)
      .execute();
    p[key as keyof People] = { id: user.id, email, agency, role };
  }
  const adminUser = await h.addUser('admin@council.test.invalid', 'local_authority', 'administrator');
  admin = { id: adminUser.id, email: adminUser.email, agency: 'local_authority', role: 'administrator' };
  csp = await boardWithMembers(db, p, { name: 'SYNTHETIC CSP Board' });
  restricted = await boardWithMembers(db, p, {
    name: 'SYNTHETIC Exploitation Subgroup',
    restricted: true,
    parentBoardId: csp,
  });
  cspMeeting = await meetingOn(db, p, csp, '2025-01-14', 'Town Hall, Room 1');
  restrictedMeeting = await meetingOn(db, p, restricted, '2025-01-21');
  await recordMinutes(db, p.chair, restrictedMeeting, 'SYNTHETIC: the panel reviewed three cases.');
  for (const key of Object.keys(p) as (keyof People)[]) as[key] = await h.signIn(p[key].email);
  as.admin = await h.signIn(admin.email);
}, 300_000);
afterAll(async () => h?.close());

describe('boards', () => {
  it('lists boards and subgroups as a tree to everyone but administrators, with Meetings in the navigation', async () => {
    const page = await as.viewer.get('/boards');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/boards"');
    expect(page.body).toMatch(
      /SYNTHETIC CSP Board<\/a>[\s\S]*govuk-!-margin-left-6[\s\S]*SYNTHETIC Exploitation Subgroup/,
    );
    expect(page.body).not.toContain('Create a board');
    // Both boards' only meetings (January 2025) are over: each says when it last met, linking the meeting.
    expect(page.body).toContain(
      `No meeting arranged; last met <a class="govuk-link" href="/meetings/${cspMeeting}">Tuesday 14 January 2025, 18:00 to 20:00</a>`,
    );
    expect(page.body).toContain(`href="/meetings/${restrictedMeeting}">Tuesday 21 January 2025, 18:00 to 20:00</a>`);
    expect((await as.manager.get('/boards')).body).toContain('Create a board');
    expect((await as.admin.get('/boards')).statusCode).toBe(403);
    expect((await as.admin.get('/dashboard')).body).not.toContain('>Meetings<');
  });

  it('a manager creates a board through the form; a missing name and a parent cycle are shown, nothing written', async () => {
    expect((await as.member.get('/boards/new')).statusCode).toBe(403);
    await as.manager.get('/boards/new');
    const before = await governanceCounts(h.services.db);
    const empty = await as.manager.post('/boards/new', { name: ' ', kind: 'board', quorum: '3' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#board-name"');
    expect(empty.body).toContain('Enter the board’s name');
    await as.manager.get(`/boards/${csp}/edit`);
    const cycle = await as.manager.post(`/boards/${csp}/edit`, {
      name: 'SYNTHETIC CSP Board',
      kind: 'board',
      parent: String(restricted),
      quorum: '3',
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain('SYNTHETIC CSP Board cannot sit under itself or under one of its own subgroups');
    expect(await governanceCounts(h.services.db)).toEqual(before);
    const made = await as.manager.post('/boards/new', {
      name: 'SYNTHETIC Reducing Reoffending Group',
      kind: 'subgroup',
      parent: String(csp),
      quorum: '2',
      chair: p.chair.email,
      termsOfReference: 'SYNTHETIC terms.',
    });
    expect(made.statusCode).toBe(303);
    const board = await as.viewer.get(made.headers.location as string);
    expect(board.body).toContain('chair (test)');
    expect(board.body).toContain('2 agencies represented by a vote');
  });
});

describe('a board’s page', () => {
  it('lets a manager add a member, record a leaver, add a standing item and arrange a meeting, with errors by the field', async () => {
    const page = await as.manager.get(`/boards/${csp}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Add a member');
    expect((await as.viewer.get(`/boards/${csp}`)).body).not.toContain('Add a member');
    const badDate = await as.manager.post(`/boards/${csp}/members`, {
      email: p.outsider.email,
      agency: 'fire',
      role: 'member',
      voting: 'yes',
      joinedOn: '1/2/2025',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('href="#member-joinedOn"');
    expect(badDate.body).toContain('value="1/2/2025"');
    const unknown = await as.manager.post(`/boards/${csp}/members`, { email: 'nobody@test.invalid', agency: 'fire' });
    expect(unknown.body).toContain('There is no user with the e-mail address nobody@test.invalid');
    const added = await as.manager.post(`/boards/${csp}/members`, {
      email: p.outsider.email,
      agency: 'fire',
      role: 'adviser',
      joinedOn: '2025-01-01',
    });
    expect(added.statusCode).toBe(303);
    const seat = await h.services.db
      .selectFrom('board_member')
      .select(['id', 'voting', 'member_role'])
      .where('board_id', '=', csp)
      .where('user_id', '=', p.outsider.id)
      .executeTakeFirstOrThrow();
    expect([seat.member_role, seat.voting]).toEqual(['adviser', false]);
    await as.manager.get(`/boards/${csp}`);
    expect(
      (await as.manager.post(`/boards/${csp}/members/${seat.id}/leave`, { leftOn: '2025-01-10' })).statusCode,
    ).toBe(303);
    const item = await as.manager.post(`/boards/${csp}/standing-items`, { title: '', source: 'fixed' });
    expect(item.body).toContain('href="#standing-title"');
    expect(
      (await as.manager.post(`/boards/${csp}/standing-items`, { title: 'Any other business', source: 'fixed' }))
        .statusCode,
    ).toBe(303);
    const lateEnd = await as.manager.post(`/boards/${csp}/meetings`, {
      date: '2025-10-07',
      startTime: '18:00',
      endTime: '17:00',
      location: 'Online',
    });
    expect(lateEnd.statusCode).toBe(400);
    expect(lateEnd.body).toContain('The meeting must end after it starts');
    const arranged = await as.manager.post(`/boards/${csp}/meetings`, {
      date: '2025-10-07',
      startTime: '18:00',
      endTime: '20:00',
      location: 'Online',
    });
    expect(arranged.statusCode).toBe(303);
    const meeting = await as.manager.get(arranged.headers.location as string);
    // 18:00 British Summer Time is 17:00 UTC.
    expect(meeting.body).toContain('Tuesday 7 October 2025, 18:00 to 20:00');
    const actions = await h.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_email', '=', p.manager.email)
      .where('action', '<>', 'sign-in')
      .orderBy('id', 'desc')
      .limit(4)
      .execute();
    expect(actions.map((a) => a.action).reverse()).toEqual([
      'board.member.add',
      'board.member.leave',
      'board.update',
      'meeting.create',
    ]);
  });
});

describe('a restricted board', () => {
  it('hides minutes from a non-member, a manager included, and shows them to a member', async () => {
    for (const who of ['outsider', 'manager'] as const) {
      const page = await as[who].get(`/meetings/${restrictedMeeting}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('SYNTHETIC Exploitation Subgroup');
      expect(page.body).toContain(
        'SYNTHETIC Exploitation Subgroup is a restricted board: its agenda, attendance, minutes, decisions and actions are read by its members only.',
      );
      expect(page.body).not.toContain('the panel reviewed three cases');
    }
    const member = await as.member.get(`/meetings/${restrictedMeeting}`);
    expect(member.body).toContain('SYNTHETIC: the panel reviewed three cases.');
    expect(member.body).not.toContain('is a restricted board');
  });

  it('its invitation says when and where but not the agenda to a non-member', async () => {
    const ics = await as.outsider.get(`/meetings/${restrictedMeeting}.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(ics.body).toContain(`\r\nUID:meeting-${restrictedMeeting}@safer\r\n`);
    expect(ics.body).toContain('\r\nDTSTART:20250121T180000Z\r\n');
    expect(ics.body).not.toContain('DESCRIPTION');
  });
});

describe('minuting over HTTP', () => {
  it('refuses a manager who is not a member, and a viewer, with nothing written', async () => {
    await as.manager.get(`/meetings/${cspMeeting}`);
    const before = await governanceCounts(h.services.db);
    const manager = await as.manager.post(`/meetings/${cspMeeting}/minutes`, { body: 'SYNTHETIC minutes' });
    expect(manager.statusCode).toBe(403);
    expect(manager.body).toContain('Only members of SYNTHETIC CSP Board can minute its meetings');
    await as.viewer.get(`/meetings/${cspMeeting}`);
    const viewer = await as.viewer.post(`/meetings/${cspMeeting}/decisions`, { text: 'x' });
    expect(viewer.statusCode).toBe(403);
    const forged = await as.chair.post(`/meetings/${cspMeeting}/minutes`, { body: 'x', _csrf: 'forged' });
    expect(forged.statusCode).toBe(403);
    expect(await governanceCounts(h.services.db)).toEqual(before);
  });

  it('the chair records attendance, minutes, a decision and an action; the page shows quoracy and them', async () => {
    const mark = await h.services.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const page = await as.chair.get(`/meetings/${cspMeeting}`);
    expect(page.body).toContain('Record attendance');
    expect(page.body).toContain('0 of 3 needed: no voting member present');
    const att = await as.chair.post(`/meetings/${cspMeeting}/attendance`, {
      [`member-${p.chair.id}`]: 'present',
      [`member-${p.member.id}`]: 'present',
      [`member-${p.secretary.id}`]: 'present',
      substituteEmail: p.outsider.email,
      substituteAgency: 'probation',
    });
    expect(att.statusCode).toBe(303);
    const empty = await as.chair.post(`/meetings/${cspMeeting}/minutes`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#minutes-body"');
    expect(
      (await as.chair.post(`/meetings/${cspMeeting}/minutes`, { body: 'SYNTHETIC: first draft.' })).statusCode,
    ).toBe(303);
    await as.secretary.get(`/meetings/${cspMeeting}`);
    expect(
      (await as.secretary.post(`/meetings/${cspMeeting}/minutes`, { body: 'SYNTHETIC: agreed minutes.' })).statusCode,
    ).toBe(303);
    expect(
      (await as.chair.post(`/meetings/${cspMeeting}/decisions`, { text: 'SYNTHETIC: adopt the plan.' })).statusCode,
    ).toBe(303);
    const noOwner = await as.chair.post(`/meetings/${cspMeeting}/actions`, { text: 'SYNTHETIC: report back.' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('href="#action-owner"');
    const added = await as.chair.post(`/meetings/${cspMeeting}/actions`, {
      text: 'SYNTHETIC: report back.',
      owner: String(p.member.id),
      dueOn: '2025-02-28',
    });
    expect(added.statusCode).toBe(303);
    const shown = await as.viewer.get(`/meetings/${cspMeeting}`);
    // Chair (police), member (health) and a substitute for probation's voting seat; the secretariat does not vote.
    expect(shown.body).toContain('Quorate');
    expect(shown.body).toContain('3 of 3 needed: present police, health, probation');
    expect(shown.body).toContain('SYNTHETIC: agreed minutes.');
    expect(shown.body).toContain('Version 1 by');
    expect(shown.body).toContain('Decision 1');
    expect(shown.body).toContain('SYNTHETIC: report back.');
    expect(shown.body).not.toContain('Change the status');
    const audit = await h.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_email', 'in', [p.chair.email, p.secretary.email])
      .where('id', '>', Number(mark.id))
      .where('action', '<>', 'sign-in')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'meeting.attendance',
      'meeting.minutes',
      'meeting.minutes',
      'decision.record',
      'meeting.action.add',
    ]);
  });

  it('the owner changes an action’s status only with a reason', async () => {
    const action = await h.services.db.selectFrom('meeting_action').select('id').executeTakeFirstOrThrow();
    const page = await as.member.get(`/meetings/${cspMeeting}`);
    expect(page.body).toContain('Change the status');
    const noReason = await as.member.post(`/meetings/${cspMeeting}/actions/status`, {
      actionId: String(action.id),
      status: 'complete',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain(`href="#status-${action.id}-reason"`);
    expect(noReason.body).toContain('Enter the reason for the change of status');
    const other = await as.chair.post(`/meetings/${cspMeeting}/actions/status`, {
      actionId: String(action.id),
      status: 'complete',
      reason: 'done',
    });
    expect(other.statusCode).toBe(403);
    const done = await as.member.post(`/meetings/${cspMeeting}/actions/status`, {
      actionId: String(action.id),
      status: 'complete',
      reason: 'SYNTHETIC: reported in February',
    });
    expect(done.statusCode).toBe(303);
    const statuses = await h.services.db
      .selectFrom('meeting_action_status')
      .select(['status', 'reason', 'meeting_id'])
      .where('action_id', '=', action.id)
      .orderBy('id')
      .execute();
    expect(statuses.at(-1)).toEqual({
      status: 'complete',
      reason: 'SYNTHETIC: reported in February',
      meeting_id: cspMeeting,
    });
  });

  it('carries an open action to the next meeting with where it came from', async () => {
    const db = h.services.db;
    await addAction(db, p.chair, cspMeeting, {
      text: 'SYNTHETIC: still open',
      ownerUserId: p.member.id,
      ownerAgency: null,
      dueOn: null,
      decisionId: null,
    });
    const next = await meetingOn(db, p, csp, '2025-04-08');
    const page = await as.member.get(`/meetings/${next}`);
    expect(page.body).toContain('SYNTHETIC: still open');
    expect(page.body).toContain('Carried forward from 14 January 2025');
    expect(page.body).not.toContain('SYNTHETIC: report back.');
  });

  it('the .ics lists the agenda and the members for a reader of the board', async () => {
    await as.secretary.get(`/meetings/${cspMeeting}`);
    await h.services.db
      .insertInto('board_standing_item')
      .values({ board_id: csp, position: 99, title: 'Register summary', source: 'register-summary' })
      .execute();
    expect((await as.secretary.post(`/meetings/${cspMeeting}/agenda`)).statusCode).toBe(303);
    const ics = await as.member.get(`/meetings/${cspMeeting}.ics`);
    expect(ics.body).toContain('\r\nSUMMARY:SYNTHETIC CSP Board\r\n');
    expect(ics.body).toContain('\r\nLOCATION:Town Hall\\, Room 1\r\n');
    expect(ics.body).toContain('\r\nDESCRIPTION:Agenda:\\n1. Any other business\\n2. Register summary\r\n');
    expect(ics.body).toContain(`mailto:${p.member.email}`);
    expect(ics.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });

  it('a paper attached to an agenda item shows as a link, stays when the agenda is rebuilt, and is audited', async () => {
    const page = await as.secretary.get(`/meetings/${cspMeeting}`);
    expect(page.body).toContain('Attach a paper<span class="govuk-visually-hidden"> for Register summary</span>');
    // Not a link: shown beside its field, the value kept, nothing written.
    const bad = await as.secretary.post(`/meetings/${cspMeeting}/agenda/paper`, {
      position: '2',
      paperUrl: 'papers/q3.pdf',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#paper-2-paperUrl"');
    expect(bad.body).toContain('value="papers/q3.pdf"');
    const url = 'https://docs.example.org/csp/2025-01/register-summary.pdf';
    expect(
      (await as.secretary.post(`/meetings/${cspMeeting}/agenda/paper`, { position: '2', paperUrl: url })).statusCode,
    ).toBe(303);
    await as.member.get(`/meetings/${cspMeeting}`);
    expect(
      (await as.member.post(`/meetings/${cspMeeting}/agenda/paper`, { position: '2', paperUrl: '' })).statusCode,
    ).toBe(403);
    expect((await as.secretary.post(`/meetings/${cspMeeting}/agenda`)).statusCode).toBe(303);
    const after = await as.member.get(`/meetings/${cspMeeting}`);
    expect(after.body).toContain(`Paper: <a class="govuk-link" href="${url}" rel="noreferrer noopener">${url}</a>`);
    expect(after.body).not.toContain('Attach a paper');
    const audits = await h.services.db
      .selectFrom('audit_log')
      .select(['actor_email', 'details'])
      .where('action', '=', 'meeting.agenda.paper')
      .execute();
    expect(audits.map((a) => [a.actor_email, JSON.parse(String(a.details)).paperUrl])).toEqual([
      [p.secretary.email, url],
    ]);
  });

  it('a retired standing item leaves the board page and later agendas, audited; only managers retire', async () => {
    const item = await h.services.db
      .selectFrom('board_standing_item')
      .select('id')
      .where('title', '=', 'Any other business')
      .executeTakeFirstOrThrow();
    await as.chair.get(`/boards/${csp}`);
    expect((await as.chair.post(`/boards/${csp}/standing-items/${item.id}/retire`)).statusCode).toBe(403);
    await as.manager.get(`/boards/${csp}`);
    expect((await as.manager.post(`/boards/${csp}/standing-items/${item.id}/retire`)).statusCode).toBe(303);
    expect((await as.viewer.get(`/boards/${csp}`)).body).not.toContain('Any other business');
    const last = await h.services.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last.action).toBe('board.update');
    expect(JSON.stringify(last.details)).toContain('standingItemRetired');
  });
});
