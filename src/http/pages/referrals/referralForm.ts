import { ETHNICITY, ETHNICITY_CODES } from '../../../domain/panels/demographics.ts';
import type { PanelSet } from '../../../panels/loadPanels.ts';
import { isMash } from '../../../panels/panelSchema.ts';
import { ARTICLE_6_BASES, CONSENT_CHOICES, SPECIAL_CONDITIONS } from '../../../panels/referrals/lawfulBasis.ts';
import type { RawReferral, ReferralField, ReferralProblem } from '../../../panels/referrals/referralInput.ts';
import { dateFromParts, type FormBody, many, one } from '../registers/formBody.ts';

/*
 * The referral form as posted and as shown. Each panel's criteria sit under its own destination radio (revealed by
 * govuk-frontend's script, all visible without it), named `grounds-<panel>` and `dashScore-<panel>` so two panels'
 * criteria with the same id never mix; only the chosen panel's are read. What was typed is kept as typed.
 */

export function rawReferralOf(body: FormBody): RawReferral {
  const panelId = one(body, 'panelId');
  return {
    panelId,
    screeningId: one(body, 'screeningId') || null,
    givenName: one(body, 'givenName'),
    familyName: one(body, 'familyName'),
    dateOfBirth: dateFromParts(
      one(body, 'dateOfBirth-day'),
      one(body, 'dateOfBirth-month'),
      one(body, 'dateOfBirth-year'),
    ),
    sex: one(body, 'sex'),
    ethnicity: one(body, 'ethnicity'),
    health: one(body, 'health'),
    other: one(body, 'other'),
    lawfulBasis: one(body, 'lawfulBasis'),
    specialCondition: one(body, 'specialCondition'),
    consent: one(body, 'consent'),
    consentReason: one(body, 'consentReason'),
    grounds: panelId ? many(body, `grounds-${panelId}`) : [],
    dashScore: panelId ? one(body, `dashScore-${panelId}`) : '',
    reason: one(body, 'reason'),
  };
}

/** Where the error summary links to for a problem: the first control of its field. */
function anchorOf(field: ReferralField, panelId: string): string {
  if (field === 'dateOfBirth') return '#dateOfBirth-day';
  if (field === 'grounds') return `#grounds-${panelId}`;
  if (field === 'dashScore') return `#dashScore-${panelId}`;
  if (field === 'screeningId') return '#panelId';
  return `#${field}`;
}

const radioItems = (list: readonly { code: string; label: string; hint?: string }[], chosen: string) =>
  list.map((b) => ({
    value: b.code,
    text: b.label,
    hint: b.hint ? { text: b.hint } : undefined,
    checked: b.code === chosen,
  }));

export function referralFormView(panels: PanelSet, body: FormBody, problems: readonly ReferralProblem[]) {
  const chosen = one(body, 'panelId');
  const errors: Partial<Record<ReferralField, { text: string }>> = {};
  for (const p of problems) errors[p.field] ??= { text: p.message };
  const value = (name: string) => one(body, name);
  const mash = panels.all.filter(isMash);
  const destinations = [...mash, ...panels.all.filter((p) => !isMash(p))].map((p) => {
    const ticked = many(body, `grounds-${p.id}`);
    const mine = p.id === chosen;
    return {
      id: p.id,
      name: p.name,
      shortName: p.shortName,
      checked: mine,
      hint: isMash(p)
        ? 'The MASH triages and may send the referral on to a panel. Choose this if unsure.'
        : `Ages ${p.ages.min} to ${p.ages.max}. ${p.meets}.`,
      criteria: p.criteria.map((c) => ({
        value: c.id,
        text: c.label,
        hint: c.hint ? { text: c.hint } : c.evidence === 'reason' ? { text: 'Give the reason below' } : undefined,
        checked: ticked.includes(c.id),
      })),
      dash: p.criteria.find((c) => c.evidence === 'dash-score'),
      dashValue: value(`dashScore-${p.id}`),
      groundsError: mine ? errors.grounds : undefined,
      dashError: mine ? errors.dashScore : undefined,
    };
  });
  const special = ['health', 'other'].some((n) => value(n) !== '') || !['', 'not-stated'].includes(value('ethnicity'));
  return {
    values: Object.fromEntries(
      ['screeningId', 'givenName', 'familyName', 'health', 'other', 'consentReason', 'reason'].map((n) => [
        n,
        value(n),
      ]),
    ),
    dob: { day: value('dateOfBirth-day'), month: value('dateOfBirth-month'), year: value('dateOfBirth-year') },
    destinations,
    sexItems: [
      { value: 'female', text: 'Female', checked: value('sex') === 'female' },
      { value: 'male', text: 'Male', checked: value('sex') === 'male' },
      { value: 'not-known', text: 'Not known', checked: value('sex') === 'not-known' },
    ],
    ethnicityItems: ETHNICITY_CODES.map((code) => ({
      value: code,
      text: ETHNICITY[code].label,
      selected: (value('ethnicity') || 'not-stated') === code,
    })),
    lawfulItems: radioItems(ARTICLE_6_BASES, value('lawfulBasis')),
    specialItems: radioItems(SPECIAL_CONDITIONS, value('specialCondition')),
    consentItems: radioItems(CONSENT_CHOICES, value('consent')),
    specialOpen: special || errors.specialCondition !== undefined || errors.ethnicity !== undefined,
    errors,
    errorList: problems
      .filter((p, i) => problems.findIndex((q) => q.field === p.field) === i)
      .map((p) => ({ text: p.message, href: anchorOf(p.field, chosen) })),
  };
}
