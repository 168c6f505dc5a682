import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { verifyAuditChain } from '../../audit/verifyAuditChain.ts';
import type { DB } from '../../db/schema.ts';
import { ensureDemoUsers } from '../../demo/demoUsers.ts';
import { KeyRing } from '../crypto/keyRing.ts';
import { readPerson } from '../people/person.ts';
import { type DemoPanelsResult, seedDemoPanels } from './demoPanels.ts';

/*
 * The demo's panels on an empty database with the demo users. Expected figures worked out from the story
 * (demoStory.ts) by hand: 25 referrals (17 MASH, 5 MARAC, 3 IOM), 23 triaged (2 MASH awaiting), 18 cases (MACE 7,
 * MARAC 5, IOM 3, 18–25 3), 4 closed; 40 screenings (17 referred on + 8 + 6 + 5 + 4). Meetings every four weeks,
 * the next a week from today: a case is first heard at the first meeting at least three days after it opened
 * (triage: a day after a MASH referral, two after a direct one), so the four referred 20 days ago or less (MACE 12,
 * 18–25 15, MARAC 20 and 10) are not heard yet: 14 heard, and 4 "new" on the next agendas.
 */
const NOW = new Date('2026-12-07T10:00:00Z');
let t: TestDb;
let db: Kysely<DB>;
const ring = KeyRing.generate('demo-test');
let first: DemoPanelsResult;

const TABLES = [
  'person',
  'screening',
  'referral',
  'panel_case',
  'case_risk',
  'case_action',
  'case_preparation',
] as const;
const TABLES2 = ['panel_meeting', 'panel_agenda_item', 'panel_fact', 'panel_member'] as const;
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [...TABLES, ...TABLES2]) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
const facts = async (kind: string) =>
  Number(
    (
      await db
        .selectFrom('panel_fact')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('kind', '=', kind as 'screening')
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  await ensureDemoUsers(db);
  first = await seedDemoPanels(db, ring, NOW);
}, 120_000);
afterAll(async () => t?.drop());

describe('the demo panels', () => {
  it('says what it added in one line', async () => {
    expect(first.line).toMatch(
      /^Panels: 40 screenings, 25 SYNTHETIC referrals, 18 cases, 12 meetings \(\d+ actions\)$/,
    );
    expect(first.added).toBe(true);
    expect((await counts()).case_action).toBe(first.actions);
  });

  it('writes one fact per screening, referral, triage, first hearing and closure', async () => {
    const c = await counts();
    expect([c.screening, await facts('screening')]).toEqual([40, 40]);
    expect([c.referral, await facts('referral')]).toEqual([25, 25]);
    expect(await facts('triage')).toBe(23);
    expect(await facts('heard')).toBe(14);
    const heard = await db.selectFrom('panel_case').select('id').where('first_heard_on', 'is not', null).execute();
    expect(heard.length).toBe(14);
    const closed = await db.selectFrom('panel_case').select('id').where('status', '=', 'closed').execute();
    expect([closed.length, await facts('outcome')]).toEqual([4, 4]);
  });

  it('records triage decisions as the triage page does, one fact each', async () => {
    const rows = await db
      .selectFrom('panel_fact')
      .select(['route', (eb) => eb.fn.countAll<string>().as('n')])
      .where('kind', '=', 'triage')
      .groupBy('route')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.route, Number(r.n)]))).toEqual({
      'case:mace': 7,
      'case:young-adults': 3,
      'case:marac': 5,
      'case:iom': 3,
      'early-help': 3,
      'no-further-action': 2,
    });
    const awaiting = await db.selectFrom('referral').select('status').where('triaged_at', 'is', null).execute();
    expect(awaiting).toEqual([{ status: 'awaiting-triage' }, { status: 'awaiting-triage' }]);
  });

  it('spreads the screenings over agencies and routes as the story says', async () => {
    const rows = await db
      .selectFrom('screening')
      .select(['agency', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('agency')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.agency, Number(r.n)]))).toEqual({
      health: 16,
      local_authority: 10,
      police: 8,
      probation: 6,
    });
    const routes = await db.selectFrom('screening').select(['identified', 'confirmed_route', 'setting']).execute();
    expect(routes.filter((r) => r.identified).every((r) => r.confirmed_route === 'mash')).toBe(true);
    expect(routes.filter((r) => !r.identified).every((r) => ['advice', 'early-help'].includes(r.confirmed_route))).toBe(
      true,
    );
    expect(new Set(routes.map((r) => r.setting))).toEqual(
      new Set(['school', 'social-care', 'police', 'youth-justice-probation']),
    );
    const linked = await db
      .selectFrom('referral')
      .select('screening_id')
      .where('screening_id', 'is not', null)
      .execute();
    expect(linked.length).toBe(17);
  });

  it('puts the cases in the panels of the story, each with risks and actions', async () => {
    const rows = await db
      .selectFrom('panel_case')
      .select(['panel_id', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('panel_id')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.panel_id, Number(r.n)]))).toEqual({
      mace: 7,
      marac: 5,
      iom: 3,
      'young-adults': 3,
    });
    const bare = await db
      .selectFrom('panel_case as c')
      .select('c.id')
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('case_risk as r').select('r.id').whereRef('r.case_id', '=', 'c.id'))),
      )
      .execute();
    expect(bare).toEqual([]);
  });

  it('builds the next agendas by the agenda rule: 4 new, 1 escalation (MACE)', async () => {
    const rows = await db
      .selectFrom('panel_agenda_item as i')
      .innerJoin('panel_meeting as m', 'm.id', 'i.meeting_id')
      .select(['m.panel_id', 'i.reason'])
      .where('m.meets_on', '=', '2026-12-14')
      .where('i.reason', '!=', 'review')
      .orderBy('m.panel_id')
      .orderBy('i.reason')
      .execute();
    expect(rows).toEqual([
      { panel_id: 'mace', reason: 'escalation' },
      { panel_id: 'mace', reason: 'new' },
      { panel_id: 'marac', reason: 'new' },
      { panel_id: 'marac', reason: 'new' },
      { panel_id: 'young-adults', reason: 'new' },
    ]);
  });

  it('flags the repeat MARAC referral against the first one', async () => {
    const marac = await db
      .selectFrom('referral')
      .select(['id', 'repeat_of'])
      .where('panel_id', '=', 'marac')
      .orderBy('created_at')
      .execute();
    expect(marac.map((r) => r.repeat_of)).toEqual([null, null, null, null, marac[0]!.id]);
  });

  it('seats the partnership manager as MACE chair and the health analyst on no panel', async () => {
    const rows = await db
      .selectFrom('panel_member as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select(['u.email', 'm.panel_id', 'm.role'])
      .where('m.panel_id', '=', 'mace')
      .orderBy('u.email')
      .execute();
    expect(rows).toEqual([
      { email: 'analyst@council.demo', panel_id: 'mace', role: 'member' },
      { email: 'manager@council.demo', panel_id: 'mace', role: 'chair' },
      { email: 'owner@police.demo', panel_id: 'mace', role: 'member' },
    ]);
    const health = await db
      .selectFrom('panel_member as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select('m.id')
      .where('u.email', '=', 'analyst@health.demo')
      .execute();
    expect(health).toEqual([]);
  });

  it('holds only SYNTHETIC people, their ethnicity sealed', async () => {
    const people = await db.selectFrom('person').select(['id', 'given_name', 'special_enc']).execute();
    expect(people.length).toBe(25);
    expect(people.every((p) => p.given_name === 'Synthetic')).toBe(true);
    expect(people.some((p) => p.special_enc?.includes('asian'))).toBe(false);
    expect((await readPerson(db, ring, people[0]!.id))?.special.ethnicity).toMatch(/^[a-z-]+$/);
  });

  it('writes one audit row per seeded event, as its row says who and when, on an intact chain', async () => {
    const rows = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_email', 'at', 'details'])
      .orderBy('id')
      .execute();
    const seeded = rows.filter((r) => JSON.parse(r.details).seeded === 'demo');
    const n = (action: string) => seeded.filter((r) => r.action === action).length;
    const c = await counts();
    // The story's figures (header): 40 screenings, 25 referrals, 23 triaged, 18 cases, 4 closed; 4 panels × 3 meetings.
    expect([
      n('screening.complete'),
      n('referral.create'),
      n('referral.triage'),
      n('case.open'),
      n('case.close'),
    ]).toEqual([40, 25, 23, 18, 4]);
    expect([n('panel.meeting.create'), n('panel.agenda.build')]).toEqual([12, 12]);
    expect([n('case.update'), n('case.preparation'), n('case.action.add')]).toEqual([
      c.case_risk,
      c.case_preparation,
      c.case_action,
    ]);
    const done = await db.selectFrom('case_action').select('id').where('status', '=', 'done').execute();
    expect(n('case.action.status')).toBe(done.length);
    // Every seat on a panel (all new here), by the system; the other rows are the five demo users' creation.
    expect(seeded.filter((r) => r.action === 'panel.member.add').map((r) => r.actor_email)).toEqual(
      Array(c.panel_member).fill('system'),
    );
    expect(rows.filter((r) => JSON.parse(r.details).seeded !== 'demo').map((r) => r.action)).toEqual(
      Array(5).fill('user.create'),
    );
    // The casework's rows: each by a demo user, in time order so the chain reads as the year happened; the chain holds.
    const casework = seeded.filter((r) => r.action !== 'panel.member.add');
    const demoEmails = new Set((await db.selectFrom('app_user').select('email').execute()).map((u) => u.email));
    expect(casework.every((r) => demoEmails.has(r.actor_email))).toBe(true);
    const times = casework.map((r) => new Date(r.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: rows.length });
  });

  it('adds nothing the second time', async () => {
    const audit = async () =>
      Number(
        (
          await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const auditBefore = await audit();
    const before = await counts();
    const again = await seedDemoPanels(db, ring, NOW);
    expect(again.line).toBe('Panels: SYNTHETIC screenings, referrals and cases already there, nothing added');
    expect(await counts()).toEqual(before);
    expect(await audit()).toBe(auditBefore);
  });
});
