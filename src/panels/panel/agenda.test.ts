import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCase } from '../cases/testing/caseTestData.ts';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { agendaItems, buildPanelAgenda, createPanelMeeting } from './agenda.ts';
import { CaseRefusedError, CaseWorkError } from './panelErrors.ts';

/*
 * The agenda of a MACE meeting on 2026-12-10, worked out by hand from five SYNTHETIC cases:
 *   escalated (heard, review 2027-01-01 not due, but escalated)  → 1 escalation
 *   new (never heard, its referral a repeat)                      → 2 new
 *   review due (heard 2026-09-10, review 2026-11-05 ≤ 2026-12-10)  → 3 review
 *   closed (never heard, but closed)                              → not on it
 *   not due (heard, review 2027-02-01)                            → not on it
 * and a MARAC case (another panel) → not on it.
 */

let f: PanelFixture;
const ids = {} as Record<'escalated' | 'fresh' | 'due' | 'closed' | 'notDue' | 'marac', number>;
const NOW = new Date('2026-12-01T09:00:00Z');

beforeAll(async () => {
  f = await createPanelFixture();
  const { db, ring, people } = f;
  const earlier = await seedCase(db, ring, { panelId: 'mace', referrer: people.nurse, closed: true });
  const mace = { panelId: 'mace', referrer: people.nurse };
  ids.due = (await seedCase(db, ring, { ...mace, firstHeardOn: '2026-09-10', reviewOn: '2026-11-05' })).caseId;
  ids.fresh = (await seedCase(db, ring, { ...mace, repeatOf: earlier.referralId })).caseId;
  ids.escalated = (
    await seedCase(db, ring, { ...mace, firstHeardOn: '2026-10-08', reviewOn: '2027-01-01', escalated: true })
  ).caseId;
  ids.closed = earlier.caseId;
  ids.notDue = (await seedCase(db, ring, { ...mace, firstHeardOn: '2026-11-05', reviewOn: '2027-02-01' })).caseId;
  ids.marac = (await seedCase(db, ring, { panelId: 'marac', referrer: people.nurse })).caseId;
}, 120_000);
afterAll(async () => f?.t.drop());

describe('panel agenda', () => {
  it('lists the escalated, the new and the review-due case, each once, in that order; repeats flagged', async () => {
    const { meetingId } = await createPanelMeeting(f.db, f.people.maceChair, 'mace', '2026-12-10', NOW);
    const counts = await buildPanelAgenda(f.db, f.people.macePolice, meetingId, NOW);
    expect(counts).toEqual({ escalation: 1, new: 1, review: 1 });
    const items = await agendaItems(f.db, meetingId);
    expect(items.map((i) => [i.position, i.reason, i.caseId, i.repeat])).toEqual([
      [1, 'escalation', ids.escalated, false],
      [2, 'new', ids.fresh, true],
      [3, 'review', ids.due, false],
    ]);
    const audit = await f.db
      .selectFrom('audit_log')
      .select(['subject_id', 'details'])
      .where('action', '=', 'panel.agenda.build')
      .execute();
    expect(audit.map((a) => a.subject_id)).toEqual([String(meetingId)]);
    const built = await f.db
      .selectFrom('panel_meeting')
      .select('agenda_built_at')
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(built.agenda_built_at?.toISOString()).toBe(NOW.toISOString());
  });

  it('a rebuild replaces the items: the escalation no longer flagged drops off, nothing doubles', async () => {
    const meeting = await f.db
      .selectFrom('panel_meeting')
      .select('id')
      .where('meets_on', '=', '2026-12-10')
      .executeTakeFirstOrThrow();
    await f.db.updateTable('panel_case').set({ escalated: false }).where('id', '=', ids.escalated).execute();
    expect(await buildPanelAgenda(f.db, f.people.maceChair, meeting.id, NOW)).toEqual({
      escalation: 0,
      new: 1,
      review: 1,
    });
    const items = await agendaItems(f.db, meeting.id);
    expect(items.map((i) => [i.position, i.caseId])).toEqual([
      [1, ids.fresh],
      [2, ids.due],
    ]);
  });

  it('refuses a non-member the build and a second meeting on the same day; a bad date names the field', async () => {
    const meeting = await f.db
      .selectFrom('panel_meeting')
      .select('id')
      .where('meets_on', '=', '2026-12-10')
      .executeTakeFirstOrThrow();
    await expect(buildPanelAgenda(f.db, f.people.councilOutsider, meeting.id, NOW)).rejects.toBeInstanceOf(
      CaseRefusedError,
    );
    await expect(buildPanelAgenda(f.db, f.people.maracChair, meeting.id, NOW)).rejects.toBeInstanceOf(CaseRefusedError);
    await expect(createPanelMeeting(f.db, f.people.maceChair, 'mace', '2026-12-10', NOW)).rejects.toThrow(
      'meetsOn: the panel already meets on 2026-12-10',
    );
    await expect(createPanelMeeting(f.db, f.people.maceChair, 'mace', '10/12/2026', NOW)).rejects.toBeInstanceOf(
      CaseWorkError,
    );
    // A plain member may not arrange meetings; a partnership manager may.
    await expect(createPanelMeeting(f.db, f.people.macePolice, 'mace', '2027-01-14', NOW)).rejects.toBeInstanceOf(
      CaseRefusedError,
    );
    await createPanelMeeting(f.db, f.people.manager, 'mace', '2027-01-14', NOW);
    const meetings = await f.db
      .selectFrom('panel_meeting')
      .select('meets_on')
      .where('panel_id', '=', 'mace')
      .orderBy('meets_on')
      .execute();
    expect(meetings.map((m) => m.meets_on)).toEqual(['2026-12-10', '2027-01-14']);
  });
});
