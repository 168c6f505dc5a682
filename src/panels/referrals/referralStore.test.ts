import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJson } from '../crypto/fieldCipher.ts';
import { type PanelFixture, createPanelFixture } from '../testing/panelTestDb.ts';
import { createReferral, ReferralInputError } from './referralStore.ts';

/*
 * Making referrals against a real database (both engines). Repeat windows are worked out by hand: MARAC looks
 * back 12 calendar months, so a referral on 2026-03-15 is a repeat of one on 2025-03-16 (11 months 27 days) and
 * not of one on 2025-02-15 (13 months). Every person is SYNTHETIC.
 */

let f: PanelFixture;
beforeAll(async () => {
  f = await createPanelFixture();
}, 120_000);
afterAll(async () => f?.t.drop());

const at = (iso: string) => new Date(iso);
const marac = (family: string, over: Record<string, unknown> = {}) => ({
  panelId: 'marac',
  givenName: 'Synthetic',
  familyName: family,
  dateOfBirth: '1990-05-05',
  sex: 'female',
  lawfulBasis: 'public-task',
  consent: 'not-sought',
  consentReason: 'SYNTHETIC: asking would raise the risk',
  grounds: ['dash'],
  dashScore: '16',
  ...over,
});

async function counts() {
  const n = async (table: 'person' | 'referral' | 'panel_fact' | 'audit_log' | 'screening') =>
    Number(
      (
        await f.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    person: await n('person'),
    referral: await n('referral'),
    fact: await n('panel_fact'),
    audit: await n('audit_log'),
  };
}

async function refused(input: unknown, field: string) {
  const before = await counts();
  const error = await createReferral(f.db, f.ring, f.people.nurse, input, at('2026-03-15T10:00:00Z')).catch((e) => e);
  expect(error).toBeInstanceOf(ReferralInputError);
  expect((error as ReferralInputError).problems.map((p) => p.field)).toContain(field);
  expect(await counts()).toEqual(before);
  return error as ReferralInputError;
}

describe('createReferral', () => {
  it('writes the person sealed, the referral due for triage, one fact and one audit row', async () => {
    const before = await counts();
    const now = at('2026-03-15T10:00:00Z');
    const made = await createReferral(
      f.db,
      f.ring,
      f.people.nurse,
      marac('Person-Store', { ethnicity: 'black-african', specialCondition: 'sch1-18-safeguarding' }),
      now,
    );
    expect(made.reference).toMatch(/^R-/);
    expect(made.repeatOf).toBeNull();
    expect(await counts()).toEqual({
      person: before.person + 1,
      referral: before.referral + 1,
      fact: before.fact + 1,
      audit: before.audit + 1,
    });
    const r = await f.db.selectFrom('referral').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(r.status).toBe('awaiting-triage');
    // MARAC triages within 48 hours.
    expect(new Date(r.triage_due_at as Date).toISOString()).toBe('2026-03-17T10:00:00.000Z');
    expect(r.grounds).toEqual(['dash']);
    expect(r.dash_score).toBe(16);
    expect(r.lawful_basis).toBe('public-task');
    expect(r.special_condition).toBe('sch1-18-safeguarding');
    expect(r.referrer_agency).toBe('health');
    const p = await f.db.selectFrom('person').selectAll().where('id', '=', made.personId).executeTakeFirstOrThrow();
    expect(p.special_enc).not.toContain('black');
    expect(openJson(f.ring, 'person.special_enc', p.special_enc as string)).toEqual({ ethnicity: 'black-african' });
    const fact = await f.db.selectFrom('panel_fact').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    // Born 1990-05-05: 35 on 2026-03-15, band 26-39; African is in the Black group.
    expect([fact.kind, fact.panel_id, fact.agency, fact.age_band, fact.sex, fact.ethnicity_group, fact.repeat]).toEqual(
      ['referral', 'marac', 'health', '26-39', 'female', 'Black', false],
    );
    expect(fact.occurred_on).toBe('2026-03-15');
  });

  it('refuses each bad input from the issue and saves nothing', async () => {
    await refused(marac('Person-Bad', { lawfulBasis: '' }), 'lawfulBasis');
    await refused(marac('Person-Bad', { grounds: [], dashScore: '' }), 'grounds');
    const e = await refused(marac('Person-Bad', { dashScore: '13' }), 'dashScore');
    expect(e.problems[0]?.message).toMatch(/must be 14 or more/);
    await refused(marac('Person-Bad', { dateOfBirth: '2026-03-16' }), 'dateOfBirth');
    await refused(marac('Person-Bad', { ethnicity: 'white-irish' }), 'specialCondition');
  });

  it('accepts DASH 14', async () => {
    const made = await createReferral(
      f.db,
      f.ring,
      f.people.nurse,
      marac('Person-Fourteen', { dashScore: '14' }),
      at('2026-03-15T10:00:00Z'),
    );
    expect(made.id).toBeGreaterThan(0);
  });

  it('flags a repeat within 12 months and not after 13', async () => {
    const first = await createReferral(
      f.db,
      f.ring,
      f.people.nurse,
      marac('Person-Repeat'),
      at('2025-03-16T09:00:00Z'),
    );
    // Same person typed differently (case, spacing): the match key is the same.
    const again = await createReferral(
      f.db,
      f.ring,
      f.people.maracCoordinator,
      marac('person-repeat ', { givenName: 'SYNTHETIC' }),
      at('2026-03-15T10:00:00Z'),
    );
    expect(again.repeatOf).toBe(first.id);
    const fact = await f.db.selectFrom('panel_fact').select('repeat').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(fact.repeat).toBe(true);

    await createReferral(f.db, f.ring, f.people.nurse, marac('Person-Late'), at('2025-02-15T10:00:00Z'));
    const late = await createReferral(f.db, f.ring, f.people.nurse, marac('Person-Late'), at('2026-03-15T10:00:00Z'));
    expect(late.repeatOf).toBeNull();
    // Another panel is not a repeat: the window is per panel.
    const mash = await createReferral(
      f.db,
      f.ring,
      f.people.nurse,
      marac('Person-Repeat', { panelId: 'mash', reason: 'SYNTHETIC', grounds: [] }),
      at('2026-03-15T11:00:00Z'),
    );
    expect(mash.repeatOf).toBeNull();
  });

  it('marks its screening identified; only the screening’s author may refer from it', async () => {
    const [tool] = await f.db.selectFrom('screening_tool').select(['id', 'version']).execute();
    if (!tool) {
      await f.db
        .insertInto('screening_tool')
        .values({ id: 'synthetic-tool', version: 1, title: 'SYNTHETIC', definition: '{}' })
        .execute();
    }
    const t = tool ?? { id: 'synthetic-tool', version: 1 };
    const s = await f.db
      .insertInto('screening')
      .values({
        tool_id: t.id,
        tool_version: t.version,
        agency: 'health',
        setting: 'school',
        completed_by: f.people.nurse.id,
        completed_by_email: f.people.nurse.email,
        answers: '{}',
        score: 9,
        level: 'high',
        reasons: '[]',
        recommended_route: 'mash',
        confirmed_route: 'mash',
        age_band: '14-15',
        sex: 'female',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const input = marac('Person-Screened', {
      panelId: 'mash',
      grounds: [],
      reason: 'SYNTHETIC',
      screeningId: String(s.id),
    });
    const before = await counts();
    const other = await createReferral(f.db, f.ring, f.people.macePolice, input, at('2026-03-15T10:00:00Z')).catch(
      (e) => e,
    );
    expect((other as ReferralInputError).problems).toEqual([
      { field: 'screeningId', message: 'The screening this referral is made from was not found' },
    ]);
    expect(await counts()).toEqual(before);
    const made = await createReferral(f.db, f.ring, f.people.nurse, input, at('2026-03-15T10:00:00Z'));
    const row = await f.db
      .selectFrom('screening')
      .select('identified')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row.identified).toBe(true);
    const r = await f.db
      .selectFrom('referral')
      .select('screening_id')
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(r.screening_id).toBe(s.id);
    const twice = await createReferral(f.db, f.ring, f.people.nurse, input, at('2026-03-15T10:00:00Z')).catch((e) => e);
    expect((twice as ReferralInputError).problems[0]?.message).toBe('This screening has already become a referral');
  });
});
