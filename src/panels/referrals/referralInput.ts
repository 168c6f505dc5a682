import { z } from 'zod';
import type { Consent, PersonSex } from '../../db/tables/panels.ts';
import { ageOn, ETHNICITY, type EthnicityCode } from '../../domain/panels/demographics.ts';
import type { PanelSet } from '../loadPanels.ts';
import type { PanelDefinition } from '../panelSchema.ts';
import { checkCriteria } from './panelCriteria.ts';
import type { SpecialFields } from '../people/person.ts';
import {
  LAWFUL_BASIS_CODES,
  type LawfulBasisCode,
  SPECIAL_CONDITION_CODES,
  type SpecialConditionCode,
} from './lawfulBasis.ts';

/*
 * A referral as typed, checked without I/O: every problem at once, each naming its form field, in the order the
 * form asks, so the error summary reads top to bottom. zod only shapes the input (strings, lists); the rules
 * (lawful basis, the article 9 condition when special category data is given, consent, the destination panel's
 * criteria and ages) are written out by hand because their messages are what the referrer reads.
 */

const Text = (max: number) => z.string().max(max, `must be at most ${max} characters`).default('');

export const RawReferral = z.object({
  panelId: Text(60),
  screeningId: z.union([z.number().int().positive(), z.string().max(12)]).nullish(),
  givenName: Text(100),
  familyName: Text(100),
  /** YYYY-MM-DD (the page joins day, month and year). */
  dateOfBirth: Text(20),
  sex: Text(20),
  ethnicity: Text(60),
  health: Text(2000),
  other: Text(2000),
  lawfulBasis: Text(60),
  specialCondition: Text(60),
  consent: Text(20),
  consentReason: Text(2000),
  grounds: z.array(z.string().max(60)).max(20).default([]),
  dashScore: z.union([z.number(), z.string().max(10)]).nullish(),
  reason: Text(4000),
});
export type RawReferral = z.input<typeof RawReferral>;

export type ReferralField = keyof z.infer<typeof RawReferral>;
export interface ReferralProblem {
  field: ReferralField;
  message: string;
}

export interface ValidReferral {
  panel: PanelDefinition;
  screeningId: number | null;
  person: { givenName: string; familyName: string; dateOfBirth: string; sex: PersonSex; special: SpecialFields };
  lawfulBasis: LawfulBasisCode;
  specialCondition: SpecialConditionCode | null;
  consent: Consent;
  consentReason: string | null;
  grounds: string[];
  dashScore: number | null;
  reason: string | null;
}

export type ReferralCheck = { ok: true; value: ValidReferral } | { ok: false; problems: ReferralProblem[] };

const SEXES: readonly PersonSex[] = ['female', 'male', 'not-known'];
const CONSENTS: readonly Consent[] = ['given', 'refused', 'not-sought'];

/** A real calendar day as YYYY-MM-DD, or null. */
export function realDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900
    ? text
    : null;
}

const whole = (v: unknown): number | null | 'bad' => {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v).trim();
  if (s === '') return null;
  return /^\d{1,2}$/.test(s) ? Number(s) : 'bad';
};

/** Checks a referral to be made on `today` (YYYY-MM-DD) against the panels as loaded. */
export function checkReferral(input: unknown, panels: PanelSet, today: string): ReferralCheck {
  const shaped = RawReferral.safeParse(input ?? {});
  if (!shaped.success)
    return {
      ok: false,
      problems: shaped.error.issues.map((i) => ({
        field: (String(i.path[0] ?? 'reason') as ReferralField) ?? 'reason',
        message: `${String(i.path[0] ?? 'input')}: ${i.message}`,
      })),
    };
  const r = shaped.data;
  const problems: ReferralProblem[] = [];
  const add = (field: ReferralField, message: string) => problems.push({ field, message });
  const t = (s: string) => s.trim();

  const panel = panels.get(t(r.panelId));
  if (t(r.panelId) === '') add('panelId', 'Choose where the referral goes: the MASH or a panel');
  else if (!panel) add('panelId', 'Choose the MASH or a panel from the list');

  let screeningId: number | null = null;
  if (r.screeningId !== null && r.screeningId !== undefined && r.screeningId !== '') {
    screeningId = /^\d{1,9}$/.test(String(r.screeningId)) ? Number(r.screeningId) : null;
    if (screeningId === null) add('screeningId', 'The screening this referral is made from was not found');
  }

  if (t(r.givenName) === '') add('givenName', 'Enter the person’s given name');
  if (t(r.familyName) === '') add('familyName', 'Enter the person’s family name');
  const dob = realDay(t(r.dateOfBirth));
  if (t(r.dateOfBirth) === '') add('dateOfBirth', 'Enter the person’s date of birth');
  else if (!dob) add('dateOfBirth', 'Date of birth must be a real date, for example 27 3 2012');
  else if (dob > today) add('dateOfBirth', 'Date of birth must be today or in the past');
  else if (panel) {
    const age = ageOn(dob, today);
    if (age < panel.ages.min || age > panel.ages.max)
      add(
        'dateOfBirth',
        `The person is ${age}; ${panel.shortName} takes ages ${panel.ages.min} to ${panel.ages.max}. Refer to the MASH instead`,
      );
  }
  const sex = SEXES.find((s) => s === t(r.sex));
  if (!sex) add('sex', 'Choose the person’s sex (or “Not known”)');

  const ethnicity = t(r.ethnicity) === '' ? 'not-stated' : t(r.ethnicity);
  if (!(ethnicity in ETHNICITY)) add('ethnicity', 'Choose an ethnic group from the list');
  const special: SpecialFields = {
    ethnicity: ethnicity as EthnicityCode,
    ...(t(r.health) ? { health: t(r.health) } : {}),
    ...(t(r.other) ? { other: t(r.other) } : {}),
  };
  const hasSpecial = ethnicity !== 'not-stated' || special.health !== undefined || special.other !== undefined;

  const lawfulBasis = LAWFUL_BASIS_CODES.find((c) => c === t(r.lawfulBasis));
  if (!lawfulBasis) add('lawfulBasis', 'Choose the lawful basis for sharing (UK GDPR article 6)');
  const condition = SPECIAL_CONDITION_CODES.find((c) => c === t(r.specialCondition)) ?? null;
  if (t(r.specialCondition) !== '' && !condition)
    add('specialCondition', 'Choose an article 9 condition from the list');
  else if (hasSpecial && !condition)
    add(
      'specialCondition',
      'Choose the article 9 condition for sharing special category data (ethnicity, health or other), or remove it',
    );

  const consent = CONSENTS.find((c) => c === t(r.consent));
  if (!consent) add('consent', 'Choose whether consent was given, refused or not sought');
  else if (consent !== 'given' && t(r.consentReason) === '')
    add(
      'consentReason',
      consent === 'refused' ? 'Say why you are sharing although consent was refused' : 'Say why consent was not sought',
    );

  const grounds = [...new Set(r.grounds.map(t).filter(Boolean))];
  const dash = whole(r.dashScore);
  if (dash === 'bad' || (typeof dash === 'number' && dash > 27))
    add('dashScore', 'DASH risk score must be a whole number from 0 to 27');
  const reason = t(r.reason);
  if (panel) checkCriteria(panel, grounds, typeof dash === 'number' && dash <= 27 ? dash : null, dash, reason, add);

  if (problems.length > 0 || !panel || !sex || !dob || !lawfulBasis || !consent)
    return { ok: false, problems: problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i) };
  return {
    ok: true,
    value: {
      panel,
      screeningId,
      person: { givenName: t(r.givenName), familyName: t(r.familyName), dateOfBirth: dob, sex, special },
      lawfulBasis,
      specialCondition: condition,
      consent,
      consentReason: consent === 'given' ? null : t(r.consentReason),
      grounds,
      dashScore: typeof dash === 'number' ? dash : null,
      reason: reason === '' ? null : reason,
    },
  };
}
