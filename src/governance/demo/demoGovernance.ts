import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { addAction, setActionStatus } from '../actionStore.ts';
import { buildAgenda } from '../agenda.ts';
import { addMember, addStandingItem, createBoard } from '../boardStore.ts';
import { londonToInstant } from '../londonTime.ts';
import { createMeeting, recordAttendance, recordDecision, recordMinutes, rescheduleMeeting } from '../meetingStore.ts';
import { DEMO_BOARDS, DEMO_MANAGER, DEMO_OUTCOMES, type DemoBoard } from './demoGovernancePlan.ts';

/*
 * Seeds the demo's boards and a year of their meetings (SYNTHETIC) through the same stores people use, so every
 * change is audited and every rule holds: the manager arranges, each board's chair minutes. Meetings before
 * `today` are held, with agenda, attendance, minutes, decisions and actions arising (some closed at a later
 * meeting, some left open and overdue); later ones are planned, with their agenda built. Does nothing when any
 * board exists: the demo never writes over a partnership's own governance.
 */

export interface DemoGovernanceSummary {
  boards: number;
  meetings: number;
  decisions: number;
  actions: number;
}

const SYNTHETIC_MINUTES = (board: string, date: string, absent: string | null) =>
  [
    `SYNTHETIC minutes written for the demo: ${board}, ${date}.`,
    absent ? `Apologies were received from ${absent}.` : 'All members attended.',
    'The group reviewed the performance exceptions and the action plan items at risk, and went through the actions arising from earlier meetings.',
  ].join('\n\n');

export async function seedDemoGovernance(
  db: Kysely<DB>,
  actorsByEmail: Readonly<Record<string, Actor>>,
  today = '2026-01-15',
): Promise<DemoGovernanceSummary> {
  const summary: DemoGovernanceSummary = { boards: 0, meetings: 0, decisions: 0, actions: 0 };
  const existing = await db.selectFrom('board').select('id').limit(1).executeTakeFirst();
  if (existing) return summary;
  const who = (email: string): Actor => {
    const actor = actorsByEmail[email];
    if (!actor) throw new Error(`the demo's governance needs the demo user ${email}; create the demo users first`);
    return actor;
  };
  const manager = who(DEMO_MANAGER);
  const ids = new Map<DemoBoard['key'], number>();
  for (const b of DEMO_BOARDS) {
    const id = await createBoard(db, manager, {
      name: b.name,
      kind: b.kind,
      parentBoardId: b.parent ? (ids.get(b.parent) ?? null) : null,
      termsOfReference: b.terms,
      chairUserId: who(b.chair).id,
      quorum: b.quorum,
      restricted: b.restricted,
    });
    ids.set(b.key, id);
    summary.boards++;
    for (const m of b.members)
      await addMember(db, manager, id, {
        userId: who(m.email).id,
        agencyCode: who(m.email).agency,
        role: m.role,
        voting: m.voting,
        joinedOn: '2024-04-01',
      });
    for (const s of b.standing) await addStandingItem(db, manager, id, s);
  }
  for (const b of DEMO_BOARDS) await seedMeetings(db, b, ids.get(b.key) as number, who, today, summary);
  return summary;
}

async function seedMeetings(
  db: Kysely<DB>,
  b: DemoBoard,
  boardId: number,
  who: (email: string) => Actor,
  today: string,
  summary: DemoGovernanceSummary,
) {
  const manager = who(DEMO_MANAGER);
  const chair = who(b.chair);
  const [from, to] = b.kind === 'board' ? ['18:00', '20:00'] : ['10:00', '12:00'];
  const raised: { id: number; owner: Actor; closeAt?: string; drop?: boolean }[] = [];
  for (const [i, date] of b.dates.entries()) {
    const times = { startsAt: londonToInstant(date, from), endsAt: londonToInstant(date, to) };
    const location = b.restricted
      ? 'Police station, secure meeting room (SYNTHETIC)'
      : 'Town Hall, Committee Room 1 (SYNTHETIC)';
    const meetingId = await createMeeting(db, manager, boardId, { ...times, location });
    summary.meetings++;
    // Actions closed at this meeting are closed before its agenda is built, as a secretariat would.
    const month = date.slice(0, 7);
    for (const a of raised.filter((x) => x.closeAt === month)) {
      const status = a.drop ? 'dropped' : 'complete';
      const reason = a.drop
        ? 'SYNTHETIC: overtaken by the new referral pathway'
        : 'SYNTHETIC: reported done at the meeting';
      const changer = a.owner.role === 'viewer' ? manager : a.owner;
      await setActionStatus(db, changer, a.id, { status, reason, meetingId }, date);
    }
    await buildAgenda(db, manager, meetingId, date < today ? date : today);
    if (date >= today) continue;
    // Every fourth meeting one voting member sends apologies (the Board's September meeting is then inquorate).
    const absent = i % 4 === 2 ? b.members.find((m) => m.voting && m.email !== b.chair) : undefined;
    await recordAttendance(
      db,
      chair,
      meetingId,
      b.members.map((m) => ({
        userId: who(m.email).id,
        agencyCode: who(m.email).agency,
        attendance: m.email === absent?.email ? 'apologies' : 'present',
      })),
    );
    await recordMinutes(db, chair, meetingId, SYNTHETIC_MINUTES(b.name, date, absent ? absent.email : null));
    const outcome = DEMO_OUTCOMES[`${b.key}|${month}`];
    let decisionId: number | null = null;
    for (const text of outcome?.decisions ?? []) {
      decisionId = await recordDecision(db, chair, meetingId, { number: '', text, supersedesDecisionId: null });
      summary.decisions++;
    }
    for (const a of outcome?.actions ?? []) {
      const owner = who(a.owner);
      const id = await addAction(db, chair, meetingId, {
        text: a.text,
        ownerUserId: owner.id,
        ownerAgency: owner.agency,
        dueOn: a.due,
        decisionId,
      });
      raised.push({ id, owner, closeAt: a.closeAt, drop: a.drop });
      summary.actions++;
    }
    await rescheduleMeeting(db, manager, meetingId, { ...times, location, status: 'held' });
  }
}
