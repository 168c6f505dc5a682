import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPanelMeeting } from '../panel/agenda.ts';
import { CaseChangeRefusedError, CaseRefusedError } from '../panel/panelErrors.ts';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { addAction, setActionStatus } from './caseActions.ts';
import { addDays, addYears, daysBetween } from './caseDates.ts';
import { loadRegisters } from '../../registers/loadRegisters.ts';
import { addLinkedLocation, addLinkedPerson, addRisk } from './caseDetails.ts';
import { caseRecord } from './caseRecord.ts';
import { closeCase, recordOutcome } from './hearing.ts';
import { myCases } from './myCases.ts';
import { recordPreparation } from './preparation.ts';
import { seedCase } from './testing/caseTestData.ts';

/* Case work on SYNTHETIC cases; every expected value below was worked out by hand. */

let f: PanelFixture;
let mace: { caseId: number };
let marac: { caseId: number };
let maceMeeting: number;
let maracMeeting: number;
const NOW = new Date('2026-11-20T15:00:00Z');

const count = async (table: 'case_preparation' | 'case_action' | 'panel_fact' | 'case_risk' | 'person') =>
  Number((await f.db.selectFrom(table).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  f = await createPanelFixture();
  mace = await seedCase(f.db, f.ring, { panelId: 'mace', referrer: f.people.nurse });
  marac = await seedCase(f.db, f.ring, { panelId: 'marac', referrer: f.people.nurse });
  maceMeeting = (await createPanelMeeting(f.db, f.people.maceChair, 'mace', '2026-11-12', NOW)).meetingId;
  maracMeeting = (await createPanelMeeting(f.db, f.people.maracChair, 'marac', '2026-11-12', NOW)).meetingId;
}, 120_000);
afterAll(async () => f?.t.drop());

describe('case dates', () => {
  it('adds years (29 February to 28 February), days, and counts days', () => {
    expect(addYears('2026-11-20', 3)).toBe('2029-11-20');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addDays('2026-11-12', 90)).toBe('2027-02-10');
    expect(daysBetween('2026-10-01', '2026-11-12')).toBe(42);
  });
});

describe('preparation', () => {
  it('is sealed in the table and read only by panel members, per agency', async () => {
    const text = 'SYNTHETIC police hold two missing episodes';
    await recordPreparation(
      f.db,
      f.ring,
      f.people.macePolice,
      mace.caseId,
      { meetingId: maceMeeting, content: text },
      NOW,
    );
    const rows = await sql<{
      content_enc: string;
      agency: string;
    }>`SELECT content_enc, agency FROM case_preparation`.execute(f.db);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.agency).toBe('police');
    expect(rows.rows[0]?.content_enc).not.toContain('missing');
    expect(rows.rows[0]?.content_enc.startsWith('v1.test-1.')).toBe(true);
    const member = await caseRecord(f.db, f.ring, f.people.maceChildren, mace.caseId, NOW);
    expect(member?.preparations?.map((p) => [p.agency, p.content])).toEqual([['police', text]]);
    expect(member?.person?.special?.health).toBe('SYNTHETIC asthma');
    const referrer = await caseRecord(f.db, f.ring, f.people.nurse, mace.caseId, NOW);
    expect(referrer?.access.via).toBe('referrer');
    expect(referrer?.preparations).toBeNull();
    expect(referrer?.person?.special).toBeNull();
    expect(await caseRecord(f.db, f.ring, f.people.councilOutsider, mace.caseId, NOW)).toBeNull();
  });

  it('a second record by the same agency for the meeting replaces the first', async () => {
    await recordPreparation(
      f.db,
      f.ring,
      f.people.macePolice,
      mace.caseId,
      { meetingId: maceMeeting, content: 'SYNTHETIC v2' },
      NOW,
    );
    expect(await count('case_preparation')).toBe(1);
    const record = await caseRecord(f.db, f.ring, f.people.maceChair, mace.caseId, NOW);
    expect(record?.preparations?.map((p) => p.content)).toEqual(['SYNTHETIC v2']);
  });

  it('refuses the referrer, an outsider, an empty text and another panel’s meeting, writing nothing', async () => {
    const ok = { meetingId: maceMeeting, content: 'SYNTHETIC' };
    await expect(recordPreparation(f.db, f.ring, f.people.nurse, mace.caseId, ok, NOW)).rejects.toBeInstanceOf(
      CaseChangeRefusedError,
    );
    await expect(
      recordPreparation(f.db, f.ring, f.people.councilOutsider, mace.caseId, ok, NOW),
    ).rejects.toBeInstanceOf(CaseRefusedError);
    await expect(
      recordPreparation(f.db, f.ring, f.people.maceChildren, mace.caseId, { ...ok, content: '  ' }, NOW),
    ).rejects.toThrow('content: enter what your agency holds');
    await expect(
      recordPreparation(f.db, f.ring, f.people.maceChildren, mace.caseId, { ...ok, meetingId: maracMeeting }, NOW),
    ).rejects.toThrow("meetingId: choose one of the panel's meetings");
    expect(await count('case_preparation')).toBe(1);
  });
});

describe('risks, links and actions', () => {
  it('records a risk, a linked SYNTHETIC sibling and an action, then its status', async () => {
    await addRisk(
      f.db,
      f.people.macePolice,
      mace.caseId,
      { risk: 'SYNTHETIC county lines contact', level: 'high' },
      NOW,
    );
    await addLinkedPerson(
      f.db,
      f.ring,
      f.people.maceChildren,
      mace.caseId,
      {
        givenName: 'Synthetic',
        familyName: 'Sibling',
        dateOfBirth: '2012-03-01',
        sex: 'male',
        relationship: 'brother',
      },
      NOW,
    );
    const { actionId } = await addAction(
      f.db,
      f.people.maceChair,
      mace.caseId,
      { text: 'SYNTHETIC education inclusion plan', ownerId: f.people.maceChildren.id, dueOn: '2026-12-01' },
      NOW,
    );
    await setActionStatus(f.db, f.people.maceChildren, mace.caseId, actionId, { status: 'done' }, NOW);
    const record = await caseRecord(f.db, f.ring, f.people.maceChair, mace.caseId, NOW);
    expect(record?.risks.map((r) => [r.risk, r.level])).toEqual([['SYNTHETIC county lines contact', 'high']]);
    expect(record?.links.map((l) => [l.relationship, l.person?.name])).toEqual([['brother', 'Synthetic Sibling']]);
    expect(record?.actions.map((a) => [a.text, a.owner, a.ownerAgency, a.dueOn, a.status])).toEqual([
      ['SYNTHETIC education inclusion plan', 'maceChildren@synthetic.test', 'local_authority', '2026-12-01', 'done'],
    ]);
    const audit = await f.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'case.action%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['case.action.add', 'case.action.status']);
  });

  it('refuses bad input naming the field, and a future date of birth, writing nothing', async () => {
    const before = [await count('case_risk'), await count('person'), await count('case_action')];
    await expect(addRisk(f.db, f.people.macePolice, mace.caseId, { risk: 'x', level: 'severe' }, NOW)).rejects.toThrow(
      'level:',
    );
    await expect(
      addLinkedPerson(
        f.db,
        f.ring,
        f.people.macePolice,
        mace.caseId,
        {
          givenName: 'Synthetic',
          familyName: 'Future',
          dateOfBirth: '2027-01-01',
          sex: 'male',
          relationship: 'associate',
        },
        NOW,
      ),
    ).rejects.toThrow('dateOfBirth:');
    await expect(
      addAction(
        f.db,
        f.people.macePolice,
        mace.caseId,
        { text: 'SYNTHETIC', ownerId: f.people.macePolice.id, dueOn: '' },
        NOW,
      ),
    ).rejects.toThrow('dueOn:');
    await expect(
      addAction(
        f.db,
        f.people.nurse,
        mace.caseId,
        { text: 'SYNTHETIC', ownerId: f.people.nurse.id, dueOn: '2026-12-01' },
        NOW,
      ),
    ).rejects.toBeInstanceOf(CaseChangeRefusedError);
    expect([await count('case_risk'), await count('person'), await count('case_action')]).toEqual(before);
  });
});

describe('linked locations of concern', () => {
  it('links an entry of the register to a member who reads it; refuses a member who does not, and another register', async () => {
    const register = (await loadRegisters()).get('locations-of-concern');
    if (!register) throw new Error('the locations-of-concern register is missing');
    const entry = async (registerId: string, reference: string) =>
      (
        await f.db
          .insertInto('register_entry')
          .values({
            register_id: registerId,
            definition_version: 1,
            status: 'submitted',
            reference,
            owner_agency: 'police',
            occurred_on: '2026-10-01',
            lon: null,
            lat: null,
            lsoa_code: null,
            ward_code: null,
            data: JSON.stringify({ place: 'SYNTHETIC Canal Path' }),
            personal: null,
            search_text: 'synthetic',
            duplicate_key: null,
            import_id: null,
            created_by: f.people.macePolice.id,
            created_by_email: 'macePolice@synthetic.test',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const place = await entry('locations-of-concern', 'LC-2026-0001');
    const sweep = await entry('weapon-sweeps', 'WS-2026-0001');
    // A viewer sitting on MACE: a member, but outside the register's readership (analysts and managers).
    await f.db
      .insertInto('panel_member')
      .values({
        panel_id: 'mace',
        user_id: f.people.viewer.id,
        agency: 'police',
        role: 'member',
        joined_on: '2020-01-01',
        added_by: 'test',
      })
      .execute();
    const links = async () =>
      (await f.db.selectFrom('case_link').select('id').where('location_entry_id', 'is not', null).execute()).length;
    await expect(
      addLinkedLocation(
        f.db,
        f.people.viewer,
        mace.caseId,
        { entryId: place, relationship: 'seen there' },
        register,
        NOW,
      ),
    ).rejects.toThrow('entryId: you may not read the locations of concern register');
    await expect(
      addLinkedLocation(
        f.db,
        f.people.macePolice,
        mace.caseId,
        { entryId: sweep, relationship: 'seen there' },
        register,
        NOW,
      ),
    ).rejects.toThrow('entryId: no such location of concern');
    expect(await links()).toBe(0);
    await addLinkedLocation(
      f.db,
      f.people.macePolice,
      mace.caseId,
      { entryId: String(place), relationship: 'seen there' },
      register,
      NOW,
    );
    const record = await caseRecord(f.db, f.ring, f.people.maceChair, mace.caseId, NOW);
    expect(
      record?.links.filter((l) => l.location).map((l) => [l.relationship, l.location?.reference, l.location?.place]),
    ).toEqual([['seen there', 'LC-2026-0001', 'SYNTHETIC Canal Path']]);
  });
});

describe('outcome and closure', () => {
  it('first hearing: heard on the meeting day, review 90 days on, a heard count of 42 days to panel', async () => {
    const result = await recordOutcome(
      f.db,
      f.ring,
      f.people.maracCoordinator,
      marac.caseId,
      { meetingId: maracMeeting, outcome: 'no-further-action', escalated: 'no' },
      NOW,
    );
    expect(result).toEqual({ reviewOn: '2027-02-10', firstHeard: true });
    const c = await f.db.selectFrom('panel_case').selectAll().where('id', '=', marac.caseId).executeTakeFirstOrThrow();
    expect([c.first_heard_on, c.review_on, c.outcome, c.escalated]).toEqual([
      '2026-11-12',
      '2027-02-10',
      'no-further-action',
      false,
    ]);
    const facts = await f.db.selectFrom('panel_fact').selectAll().where('kind', '=', 'heard').execute();
    expect(
      facts.map((x) => [x.occurred_on, x.agency, x.panel_id, x.days_to_panel, x.age_band, x.sex, x.ethnicity_group]),
    ).toEqual([['2026-11-12', 'health', 'marac', 42, '16-17', 'female', 'White']]);
    expect(facts[0]?.source_token).toBe(f.ring.token(`case:${marac.caseId}`));
  });

  it('only the chair or coordinator records an outcome; an outcome not on the panel’s list is refused', async () => {
    await expect(
      recordOutcome(
        f.db,
        f.ring,
        f.people.macePolice,
        mace.caseId,
        { meetingId: maceMeeting, outcome: 'risk-reduced' },
        NOW,
      ),
    ).rejects.toBeInstanceOf(CaseChangeRefusedError);
    await expect(
      recordOutcome(
        f.db,
        f.ring,
        f.people.maceChair,
        mace.caseId,
        { meetingId: maceMeeting, outcome: 'safety-plan' },
        NOW,
      ),
    ).rejects.toThrow("outcome: choose one of the panel's outcomes");
    const c = await f.db
      .selectFrom('panel_case')
      .select(['first_heard_on', 'outcome'])
      .where('id', '=', mace.caseId)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ first_heard_on: null, outcome: null });
  });

  it('refuses a meeting of another panel, a meeting before the case opened, an unknown action and a plain member closing', async () => {
    await expect(
      recordOutcome(
        f.db,
        f.ring,
        f.people.maceChair,
        mace.caseId,
        { meetingId: maracMeeting, outcome: 'risk-reduced' },
        NOW,
      ),
    ).rejects.toThrow("meetingId: choose one of the panel's meetings");
    const early = (await createPanelMeeting(f.db, f.people.maceChair, 'mace', '2026-09-01', NOW)).meetingId;
    await expect(
      recordOutcome(f.db, f.ring, f.people.maceChair, mace.caseId, { meetingId: early, outcome: 'risk-reduced' }, NOW),
    ).rejects.toThrow('meetingId: the meeting is before the case was opened');
    await expect(
      setActionStatus(f.db, f.people.maceChair, mace.caseId, 999_999, { status: 'done' }, NOW),
    ).rejects.toBeInstanceOf(CaseRefusedError);
    await expect(
      closeCase(f.db, f.ring, f.people.macePolice, mace.caseId, { reason: 'moved-away' }, NOW),
    ).rejects.toBeInstanceOf(CaseChangeRefusedError);
    await expect(
      closeCase(f.db, f.ring, f.people.councilOutsider, mace.caseId, { reason: 'moved-away' }, NOW),
    ).rejects.toBeInstanceOf(CaseRefusedError);
    const c = await f.db
      .selectFrom('panel_case')
      .select(['status', 'first_heard_on'])
      .where('id', '=', mace.caseId)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ status: 'open', first_heard_on: null });
    expect(await count('panel_fact')).toBe(1);
  });

  it('closing MARAC "no further action" on 2026-11-20 keeps it until 2029-11-20, with an outcome count', async () => {
    await expect(
      closeCase(f.db, f.ring, f.people.maracChair, marac.caseId, { reason: 'aged-out' }, NOW),
    ).rejects.toThrow("reason: choose one of the panel's closure reasons");
    expect(
      await closeCase(f.db, f.ring, f.people.maracChair, marac.caseId, { reason: 'actions-complete' }, NOW),
    ).toEqual({
      retainUntil: '2029-11-20',
      actionsClosed: 0,
    });
    const c = await f.db.selectFrom('panel_case').selectAll().where('id', '=', marac.caseId).executeTakeFirstOrThrow();
    expect([c.status, c.closure_reason, c.retain_until, c.closed_at?.toISOString()]).toEqual([
      'closed',
      'actions-complete',
      '2029-11-20',
      NOW.toISOString(),
    ]);
    const facts = await f.db
      .selectFrom('panel_fact')
      .select(['occurred_on', 'outcome'])
      .where('kind', '=', 'outcome')
      .execute();
    expect(facts).toEqual([{ occurred_on: '2026-11-20', outcome: 'no-further-action' }]);
    const audit = await f.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'case.close').execute();
    expect(audit).toEqual([{ subject_id: String(marac.caseId) }]);
    await expect(
      closeCase(f.db, f.ring, f.people.maracChair, marac.caseId, { reason: 'actions-complete' }, NOW),
    ).rejects.toThrow('case: the case is closed');
  });

  it('a MACE case with no outcome closes under the default six years', async () => {
    const other = await seedCase(f.db, f.ring, { panelId: 'mace', referrer: f.people.nurse });
    expect(await closeCase(f.db, f.ring, f.people.maceChair, other.caseId, { reason: 'moved-away' }, NOW)).toEqual({
      retainUntil: '2032-11-20',
      actionsClosed: 0,
    });
  });
});

describe('my cases', () => {
  it('lists open cases by standing; an outsider sees none; a member sees their open actions', async () => {
    const chair = await myCases(f.db, f.people.maceChair, NOW, 1);
    expect(chair.cases.map((c) => c.id)).toEqual([mace.caseId]);
    expect(chair.total).toBe(1);
    const nurse = await myCases(f.db, f.people.nurse, NOW, 1);
    expect(nurse.cases.map((c) => c.id)).toEqual([mace.caseId]);
    const outsider = await myCases(f.db, f.people.councilOutsider, NOW, 1);
    expect(outsider).toEqual({ cases: [], total: 0, actions: [] });
    await addAction(
      f.db,
      f.people.maceChair,
      mace.caseId,
      { text: 'SYNTHETIC mentor', ownerId: f.people.macePolice.id, dueOn: '2026-12-24' },
      NOW,
    );
    const police = await myCases(f.db, f.people.macePolice, NOW, 1);
    expect(police.actions.map((a) => [a.caseId, a.text, a.dueOn])).toEqual([
      [mace.caseId, 'SYNTHETIC mentor', '2026-12-24'],
    ]);
  });

  it('a page past the end lists nothing but still says how many cases there are', async () => {
    const before = (await myCases(f.db, f.people.maceChair, NOW, 1)).total;
    await seedCase(f.db, f.ring, { panelId: 'mace', referrer: f.people.nurse });
    const first = await myCases(f.db, f.people.maceChair, NOW, 1);
    const beyond = await myCases(f.db, f.people.maceChair, NOW, 3);
    expect(first.total).toBe(before + 1);
    expect(first.cases).toHaveLength(before + 1); // fewer than a page: every case on page 1
    expect(beyond.cases).toEqual([]);
    expect(beyond.total).toBe(before + 1);
  });
});
