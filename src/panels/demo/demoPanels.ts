import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ageOn } from '../../domain/panels/demographics.ts';
import { Prng } from '../../synth/prng.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { loadPanels, syncPanels } from '../loadPanels.ts';
import { insertPerson, type Person } from '../people/person.ts';
import { loadScreeningTools } from '../screening/toolSet.ts';
import { demoAuditStart, recordDemoAudit } from './demoAudit.ts';
import { type AgendaEntry, type PanelRoom, writeCase } from './demoCases.ts';
import { addDays, at, dayOf } from './demoDays.ts';
import { BY_AGENCY, DEMO_MARK, DEMO_MEMBERSHIPS, demoUsers, ensureMemberships } from './demoMembers.ts';
import { writeReferral } from './demoReferrals.ts';
import { newestTool, writeScreening } from './demoScreenings.ts';
import { type DemoAgency, MEETING_PANELS, SETTING_OF, STORY, UNREFERRED_SCREENINGS } from './demoStory.ts';
import { SyntheticPeople } from './syntheticPeople.ts';

/*
 * `safer demo`'s screening and panels (issue 21): the demo's people sit on the panels (the partnership manager
 * chairs MACE, a police and a council user are members; the health analyst is the school nurse who screens and
 * refers, on no panel, so she reads only what she referred), then a year of SYNTHETIC screenings, referrals,
 * cases, meetings and agendas from the story in demoStory.ts, with every anonymous count written beside its row.
 * All in one transaction, with one audit row per seeded event (demoAudit.ts); the meetings it adds carry the mark DEMO_MARK, so a second run finds them and adds
 * nothing. Memberships are added only where missing.
 */

export { DEMO_MARK };
const SEED = 21;

export interface DemoPanelsResult {
  line: string;
  added: boolean;
  screenings: number;
  referrals: number;
  cases: number;
  meetings: number;
  actions: number;
}

const AGES: Readonly<Record<string, { min: number; max: number }>> = {
  mace: { min: 10, max: 17 },
  'young-adults': { min: 18, max: 25 },
  marac: { min: 18, max: 55 },
  iom: { min: 18, max: 40 },
};

const summary = (r: Omit<DemoPanelsResult, 'line' | 'added'>) =>
  `${r.screenings} screenings, ${r.referrals} SYNTHETIC referrals, ${r.cases} cases, ${r.meetings} meetings`;

export async function seedDemoPanels(
  db: Kysely<DB>,
  ring: KeyRing,
  now: Date = new Date(),
  options: { seed?: number } = {},
): Promise<DemoPanelsResult> {
  const none = { added: false, screenings: 0, referrals: 0, cases: 0, meetings: 0, actions: 0 };
  const users = await demoUsers(db);
  if (!users) return { ...none, line: 'Panels: nothing added (the demo users are missing)' };
  const today = dayOf(now);
  const panels = await loadPanels();
  await syncPanels(db, panels);
  await loadScreeningTools(db);
  await ensureMemberships(db, users, today);
  const marked = await db
    .selectFrom('panel_meeting')
    .select('id')
    .where('created_by', '=', DEMO_MARK)
    .limit(1)
    .executeTakeFirst();
  if (marked)
    return { ...none, line: 'Panels: SYNTHETIC screenings, referrals and cases already there, nothing added' };
  const tool = await newestTool(db);
  const rng = new Prng(options.seed ?? SEED);
  const people = new SyntheticPeople(options.seed ?? SEED);
  const r = { screenings: 0, referrals: 0, cases: 0, meetings: 0, actions: 0 };
  await db.transaction().execute(async (trx) => {
    const auditStart = await demoAuditStart(trx);
    const next = addDays(today, 7);
    const rooms = new Map<string, PanelRoom>();
    for (const id of MEETING_PANELS) {
      const meetings = new Map<string, number>();
      for (const k of [2, 1, 0]) {
        const day = addDays(next, -28 * k);
        const m = await trx
          .insertInto('panel_meeting')
          .values({
            panel_id: id,
            meets_on: day,
            created_by: DEMO_MARK,
            agenda_built_at: at(k === 0 ? today : addDays(day, -3), 8),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        meetings.set(day, m.id);
        r.meetings++;
      }
      const members = DEMO_MEMBERSHIPS.filter(([p]) => p === id).map(([, who]) => users[who]);
      rooms.set(id, { def: panels.get(id)!, members, meetings, next });
    }
    const agenda: AgendaEntry[] = [];
    const persons: Person[] = [];
    const referralIds: number[] = [];
    for (const s of STORY) {
      const referrer = users[BY_AGENCY[s.referrer]];
      const day = addDays(today, -s.daysAgo);
      const earlier = s.repeatOf === undefined ? undefined : persons[s.repeatOf]!;
      const generated = people.next({
        ages: AGES[s.outcome ?? ''] ?? AGES.mace!,
        on: day,
        femaleShare: s.to === 'marac' ? 0.9 : 0.48,
      });
      const person = await insertPerson(trx, ring, earlier ?? generated, referrer.id);
      persons.push(person);
      let screeningId: number | null = null;
      if (tool && s.to === 'mash') {
        const age = ageOn(person.dateOfBirth, day);
        screeningId = await writeScreening(trx, ring, rng, tool, {
          agency: referrer.agency,
          setting: SETTING_OF[s.referrer],
          by: referrer,
          day,
          age,
          sex: person.sex,
          referred: true,
        });
        r.screenings++;
      }
      const triager = s.to === 'mash' ? users.council : users.police;
      const repeatOf = s.repeatOf === undefined ? null : referralIds[s.repeatOf]!;
      const referral = await writeReferral(trx, ring, s, { person, referrer, triager, screeningId, repeatOf, today });
      referralIds.push(referral.id);
      r.referrals++;
      const room = s.outcome ? rooms.get(s.outcome) : undefined;
      if (!room) continue;
      const c = await writeCase(trx, ring, rng, s, { room, person, referral, referrer, today });
      agenda.push(...c.agenda);
      r.cases++;
      r.actions += c.actions;
    }
    if (tool)
      for (const [agency, count] of Object.entries(UNREFERRED_SCREENINGS) as [DemoAgency, number][])
        for (let k = 0; k < count; k++) {
          const day = addDays(today, -rng.between(3, 360));
          const p = people.next({ ages: { min: 10, max: 25 }, on: day });
          const age = ageOn(p.dateOfBirth, day);
          await writeScreening(trx, ring, rng, tool, {
            agency,
            setting: SETTING_OF[agency],
            by: users[BY_AGENCY[agency]],
            day,
            age,
            sex: p.sex,
            referred: false,
          });
          r.screenings++;
        }
    const byMeeting = new Map<number, AgendaEntry[]>();
    for (const e of agenda) byMeeting.set(e.meetingId, [...(byMeeting.get(e.meetingId) ?? []), e]);
    for (const [meetingId, items] of byMeeting) {
      items.sort((a, b) => a.rank - b.rank || a.caseId - b.caseId);
      await trx
        .insertInto('panel_agenda_item')
        .values(items.map((e, n) => ({ meeting_id: meetingId, case_id: e.caseId, reason: e.reason, position: n + 1 })))
        .execute();
    }
    await recordDemoAudit(trx, auditStart);
  });
  return {
    ...r,
    added: true,
    line: `Panels: ${summary(r)} (${r.actions} actions)${tool ? '' : '; no screening tool stored, so no screenings'}`,
  };
}
