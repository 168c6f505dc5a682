import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { AgendaReason } from '../../db/tables/panels.ts';
import type { Prng } from '../../synth/prng.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { recordFact } from '../facts/recordFact.ts';
import type { PanelDefinition } from '../panelSchema.ts';
import type { Person } from '../people/person.ts';
import { newReference } from '../references.ts';
import { addDays, at, daysBetween } from './demoDays.ts';
import { dimsOf, sealedPreparation, type WrittenReferral } from './demoReferrals.ts';
import { RISKS, type StoryReferral } from './demoStory.ts';

/*
 * One SYNTHETIC case of the demo: opened at triage, heard at the panel's meetings (every four weeks, the last one
 * a week from today), reviewed every `reviewDays` rounded up to a meeting, with risks, each member agency's
 * sealed preparation for each meeting it was heard at, actions agreed at each hearing, and for a closed case its
 * outcome and closure. Its agenda items are returned, not written: the meetings are numbered once all cases are in.
 */

export interface PanelRoom {
  def: PanelDefinition;
  members: Actor[];
  /** Meeting rows by day: the last two meetings and the next one. */
  meetings: Map<string, number>;
  /** The next meeting's day (a week from today). */
  next: string;
}

export interface AgendaEntry {
  meetingId: number;
  caseId: number;
  reason: AgendaReason;
  /** Sorts the agenda: escalation, new, review, then the case's order. */
  rank: number;
}

/** The meeting days from the case's first hearing, every review interval rounded up to the four-weekly grid. */
function hearings(room: PanelRoom, openedOn: string, until: string): string[] {
  const onGrid = (day: string) => addDays(room.next, -28 * Math.floor(daysBetween(day, room.next) / 28));
  const days: string[] = [];
  for (let h = onGrid(addDays(openedOn, 3)); h <= until; h = onGrid(addDays(h, room.def.reviewDays))) days.push(h);
  return days;
}

export async function writeCase(
  trx: Kysely<DB>,
  ring: KeyRing,
  rng: Prng,
  s: StoryReferral,
  x: { room: PanelRoom; person: Person; referral: WrittenReferral; referrer: Actor; today: string },
): Promise<{ caseId: number; actions: number; agenda: AgendaEntry[] }> {
  const { room, today } = x;
  const openedOn = x.referral.triagedDay ?? x.referral.day;
  const all = hearings(room, openedOn, room.next);
  const closedOn = s.closed ? all.filter((h) => h <= addDays(today, -50)).at(-1) : undefined;
  const heard = all.filter((h) => h <= (closedOn ?? today));
  const def = room.def;
  const outcome = s.closed ? def.outcomes[0]!.id : null;
  const chair = room.members[0]!;
  const years = outcome ? (def.retention.byOutcome[outcome] ?? def.retention.defaultYears) : null;
  const caseRow = await trx
    .insertInto('panel_case')
    .values({
      reference: newReference('C'),
      panel_id: def.id,
      person_id: x.person.id,
      referral_id: x.referral.id,
      status: closedOn ? 'closed' : 'open',
      allocated_to: room.members.find((m) => m.agency === 'local_authority')?.id ?? null,
      summary: `SYNTHETIC demo case: invented concerns, heard by ${def.shortName}`,
      escalated: s.escalated === true,
      opened_at: at(openedOn, 16),
      first_heard_on: heard[0] ?? null,
      review_on: closedOn || !heard.length ? null : addDays(heard.at(-1)!, def.reviewDays),
      outcome,
      closed_at: closedOn ? at(closedOn, 17) : null,
      closure_reason: closedOn ? def.closureReasons[0]!.id : null,
      retain_until: closedOn && years ? addDays(closedOn, Math.round(years * 365.25)) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const caseId = caseRow.id;
  const risks = RISKS[def.kind === 'mash' ? 'custom' : def.kind];
  for (let i = 0; i < 1 + rng.between(0, 1); i++)
    await trx
      .insertInto('case_risk')
      .values({
        case_id: caseId,
        risk: risks[(caseId + i) % risks.length]!,
        level: i === 0 ? 'high' : 'medium',
        recorded_by: chair.id,
        recorded_at: at(openedOn, 17),
      })
      .execute();
  const agenda: AgendaEntry[] = [];
  let actions = 0;
  const agencies = [...new Map(room.members.map((m) => [m.agency, m])).values()];
  for (const [i, h] of heard.entries()) {
    const meetingId = room.meetings.get(h) ?? null;
    if (meetingId !== null)
      agenda.push({ meetingId, caseId, reason: i === 0 ? 'new' : 'review', rank: i === 0 ? 2 : 3 });
    if (meetingId !== null)
      for (const m of agencies)
        await trx
          .insertInto('case_preparation')
          .values({
            case_id: caseId,
            meeting_id: meetingId,
            agency: m.agency,
            content_enc: sealedPreparation(ring, m.agency),
            recorded_by: m.id,
            recorded_at: at(addDays(h, -2), 9),
          })
          .execute();
    for (let a = 0; a < (i === 0 ? 2 + rng.between(0, 1) : 1); a++) {
      const owner = room.members[rng.between(0, room.members.length - 1)]!;
      const due = addDays(h, 21 + 7 * a);
      const done = due < today && rng.chance(0.75);
      await trx
        .insertInto('case_action')
        .values({
          case_id: caseId,
          meeting_id: meetingId,
          text: `SYNTHETIC: ${def.options[(caseId + i + a) % Math.max(1, def.options.length)] ?? 'Agree a plan'}`,
          owner_id: owner.id,
          owner_agency: owner.agency,
          due_on: due,
          status: done ? 'done' : closedOn ? 'dropped' : 'open',
          created_by: chair.id,
          created_at: at(h, 12),
          completed_at: done ? at(addDays(due, -2), 14) : null,
        })
        .execute();
      actions++;
    }
  }
  if (heard[0])
    await recordFact(trx, ring, {
      kind: 'heard',
      occurredOn: heard[0],
      agency: x.referrer.agency,
      panelId: def.id,
      repeat: s.repeatOf !== undefined,
      daysToPanel: daysBetween(openedOn, heard[0]),
      ...dimsOf(x.person, heard[0]),
      source: `case:${caseId}`,
    });
  if (closedOn)
    await recordFact(trx, ring, {
      kind: 'outcome',
      occurredOn: closedOn,
      agency: x.referrer.agency,
      panelId: def.id,
      outcome,
      route: def.closureReasons[0]!.id,
      repeat: s.repeatOf !== undefined,
      ...dimsOf(x.person, closedOn),
      source: `case:${caseId}`,
    });
  // The next meeting's agenda by the agenda builder's rule: escalated, never heard, or due for review by then.
  const reviewOn = heard.length ? addDays(heard.at(-1)!, def.reviewDays) : null;
  const nextId = room.meetings.get(room.next);
  if (!closedOn && nextId !== undefined) {
    if (s.escalated) agenda.push({ meetingId: nextId, caseId, reason: 'escalation', rank: 1 });
    else if (!heard.length) agenda.push({ meetingId: nextId, caseId, reason: 'new', rank: 2 });
    else if (reviewOn && reviewOn <= room.next) agenda.push({ meetingId: nextId, caseId, reason: 'review', rank: 3 });
  }
  return { caseId, actions, agenda };
}
