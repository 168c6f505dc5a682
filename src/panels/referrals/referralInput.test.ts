import { beforeAll, describe, expect, it } from 'vitest';
import { loadPanels, type PanelSet } from '../loadPanels.ts';
import { checkReferral, realDay } from './referralInput.ts';

/*
 * The referral rules by hand, on the panels in panels/*.json (MARAC: DASH 14 or more, or a reason; MACE: ages 10
 * to 17; MASH: no criteria, a reason). Today is 2026-03-15 throughout. Every person is SYNTHETIC.
 */

const TODAY = '2026-03-15';
let panels: PanelSet;
beforeAll(async () => {
  panels = await loadPanels();
});

/** A good MASH referral of a 14-year-old; each test spoils one thing. */
const good = (over: Record<string, unknown> = {}) => ({
  panelId: 'mash',
  givenName: 'Synthetic',
  familyName: 'Person-Alpha',
  dateOfBirth: '2011-06-01',
  sex: 'female',
  lawfulBasis: 'public-task',
  consent: 'given',
  reason: 'SYNTHETIC: screening recommended a MASH referral',
  ...over,
});
const problemsOf = (input: unknown) => {
  const r = checkReferral(input, panels, TODAY);
  return r.ok ? [] : r.problems;
};

describe('checkReferral', () => {
  it('accepts a complete MASH referral and keeps what was typed', () => {
    const r = checkReferral(good({ givenName: '  Synthetic ' }), panels, TODAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.panel.id).toBe('mash');
    expect(r.value.person).toEqual({
      givenName: 'Synthetic',
      familyName: 'Person-Alpha',
      dateOfBirth: '2011-06-01',
      sex: 'female',
      special: { ethnicity: 'not-stated' },
    });
    expect(r.value.specialCondition).toBeNull();
    expect(r.value.consentReason).toBeNull();
  });

  it('refuses a referral without a lawful basis, naming the field', () => {
    expect(problemsOf(good({ lawfulBasis: '' }))).toEqual([
      { field: 'lawfulBasis', message: 'Choose the lawful basis for sharing (UK GDPR article 6)' },
    ]);
    expect(problemsOf(good({ lawfulBasis: 'because' }))[0]?.field).toBe('lawfulBasis');
  });

  it('asks for an article 9 condition when any special category field is given, and only then', () => {
    for (const special of [{ ethnicity: 'white-roma' }, { health: 'SYNTHETIC asthma' }, { other: 'SYNTHETIC' }])
      expect(problemsOf(good(special)).map((p) => p.field)).toEqual(['specialCondition']);
    expect(problemsOf(good({ ethnicity: 'not-stated' }))).toEqual([]);
    const r = checkReferral(
      good({ health: 'SYNTHETIC asthma', specialCondition: 'sch1-18-safeguarding' }),
      panels,
      TODAY,
    );
    expect(r.ok && r.value.specialCondition).toBe('sch1-18-safeguarding');
    expect(
      problemsOf(good({ ethnicity: 'martian', specialCondition: 'sch1-18-safeguarding' })).map((p) => p.field),
    ).toEqual(['ethnicity']);
  });

  it('needs a consent answer, and a reason unless consent was given', () => {
    expect(problemsOf(good({ consent: '' }))).toEqual([
      { field: 'consent', message: 'Choose whether consent was given, refused or not sought' },
    ]);
    expect(problemsOf(good({ consent: 'refused' }))).toEqual([
      { field: 'consentReason', message: 'Say why you are sharing although consent was refused' },
    ]);
    expect(problemsOf(good({ consent: 'not-sought' }))).toEqual([
      { field: 'consentReason', message: 'Say why consent was not sought' },
    ]);
    expect(problemsOf(good({ consent: 'not-sought', consentReason: 'Would raise the risk' }))).toEqual([]);
  });

  it('refuses a date of birth in the future, an impossible date and missing person fields', () => {
    expect(problemsOf(good({ dateOfBirth: '2026-03-16' }))).toEqual([
      { field: 'dateOfBirth', message: 'Date of birth must be today or in the past' },
    ]);
    expect(problemsOf(good({ dateOfBirth: TODAY }))).toEqual([]);
    expect(problemsOf(good({ dateOfBirth: '2011-02-30' }))[0]?.message).toMatch(/real date/);
    expect(problemsOf(good({ givenName: '', familyName: ' ', dateOfBirth: '', sex: 'x' })).map((p) => p.field)).toEqual(
      ['givenName', 'familyName', 'dateOfBirth', 'sex'],
    );
  });

  it('refuses a MARAC referral without a DASH score or a reason', () => {
    const marac = good({ panelId: 'marac', dateOfBirth: '1990-01-01', reason: '' });
    const [p] = problemsOf(marac);
    expect(p?.field).toBe('grounds');
    expect(p?.message).toContain(
      'A MARAC referral needs at least one referral criterion, with its DASH score or reason',
    );
    expect(p?.message).toContain('a DASH risk score of 14 or more');
    // The DASH criterion ticked without a score; professional judgement ticked without a reason.
    expect(problemsOf({ ...marac, grounds: ['dash'] })).toEqual([
      {
        field: 'dashScore',
        message: 'Enter the DASH risk score: “Visible high risk: DASH risk score of 14 or more” needs 14 or more',
      },
    ]);
    expect(problemsOf({ ...marac, grounds: ['professional-judgement'] })).toEqual([
      { field: 'reason', message: 'Give the reason for “Professional judgement”' },
    ]);
  });

  it('refuses DASH 13 without a reason and accepts DASH 14', () => {
    const marac = good({ panelId: 'marac', dateOfBirth: '1990-01-01', reason: '', grounds: ['dash'] });
    expect(problemsOf({ ...marac, dashScore: '13' }).map((p) => p.field)).toEqual(['dashScore']);
    expect(problemsOf({ ...marac, dashScore: '13' })[0]?.message).toMatch(/must be 14 or more/);
    const ok = checkReferral({ ...marac, dashScore: '14' }, panels, TODAY);
    expect(ok.ok && ok.value.dashScore).toBe(14);
    expect(ok.ok && ok.value.grounds).toEqual(['dash']);
    // 13 with professional judgement and a reason instead is a referral.
    expect(
      problemsOf({ ...marac, grounds: ['professional-judgement'], dashScore: '13', reason: 'SYNTHETIC: escalating' }),
    ).toEqual([]);
    expect(problemsOf({ ...marac, dashScore: '28' })[0]?.message).toBe(
      'DASH risk score must be a whole number from 0 to 27',
    );
  });

  it('refuses a person outside the panel’s ages; the MASH takes all ages', () => {
    // Born 2008-03-16: 18 tomorrow, so 17 today (MACE takes 10 to 17); born 2008-03-15: 18 today.
    expect(problemsOf(good({ panelId: 'mace', dateOfBirth: '2008-03-16', grounds: ['cce'] }))).toEqual([]);
    expect(problemsOf(good({ panelId: 'mace', dateOfBirth: '2008-03-15', grounds: ['cce'] }))).toEqual([
      {
        field: 'dateOfBirth',
        message: 'The person is 18; MACE takes ages 10 to 17. Refer to the MASH instead',
      },
    ]);
    expect(problemsOf(good({ dateOfBirth: '1940-01-01' }))).toEqual([]);
    expect(problemsOf(good({ dateOfBirth: '2026-01-01' }))).toEqual([]);
  });

  it('refuses an unknown panel, a MASH referral without a reason and an unlisted criterion', () => {
    expect(problemsOf(good({ panelId: 'nowhere' }))).toEqual([
      { field: 'panelId', message: 'Choose the MASH or a panel from the list' },
    ]);
    expect(problemsOf(good({ reason: '' }))).toEqual([
      { field: 'reason', message: 'Say why you are referring to the MASH' },
    ]);
    expect(problemsOf(good({ panelId: 'mace', grounds: ['dash'] }))[0]?.field).toBe('grounds');
  });

  it('realDay knows the calendar', () => {
    expect(realDay('2024-02-29')).toBe('2024-02-29');
    expect(realDay('2025-02-29')).toBeNull();
    expect(realDay('29/02/2024')).toBeNull();
  });
});
