import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema.ts';
import type { CaseActionStatus, RiskLevel } from '../../db/tables/panels.ts';

/*
 * The parts of a case record held in other tables (its person, referral, risks, links, actions, meetings and the
 * agencies' preparation), each as a JSON subquery of the one query caseRecord.ts sends: a case page is one round
 * trip for its content, not nine. Inside JSON a timestamp arrives as text, so the mappers below turn it back into a
 * Date (`at`); dates (`date` columns) are text already, as everywhere else in Safer.
 */

type CaseRow = ExpressionBuilder<DB & { c: DB['panel_case'] }, 'c'>;

export interface CaseReferral {
  id: number;
  reference: string;
  referrer: string;
  referrerAgency: string;
  reason: string | null;
  lawfulBasis: string;
  specialCondition: string | null;
  consent: string;
  consentReason: string | null;
  dashScore: number | null;
  grounds: string[];
  createdAt: Date;
  repeatOf: string | null;
}

export interface CaseLinkRow {
  id: number;
  relationship: string;
  person: { id: number; reference: string; name: string; dateOfBirth: string } | null;
  location: { entryId: number; reference: string | null; place: string | null } | null;
}

export interface CaseActionRow {
  id: number;
  text: string;
  owner: string | null;
  ownerAgency: string;
  dueOn: string;
  status: CaseActionStatus;
  completedAt: Date | null;
}

/** A timestamp read from JSON (text) or from a column (already a Date). */
export const at = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const atOrNull = (value: Date | string | null): Date | null => (value === null ? null : at(value));

export const personPart = (eb: CaseRow) =>
  jsonObjectFrom(
    eb
      .selectFrom('person as pe')
      .select([
        'pe.id',
        'pe.reference',
        'pe.given_name',
        'pe.family_name',
        'pe.date_of_birth',
        'pe.sex',
        'pe.special_enc',
      ])
      .whereRef('pe.id', '=', 'c.person_id'),
  ).as('person');

export const referralPart = (eb: CaseRow) =>
  jsonObjectFrom(
    eb
      .selectFrom('referral as r')
      .innerJoin('app_user as u', 'u.id', 'r.referrer_id')
      .leftJoin('referral as earlier', 'earlier.id', 'r.repeat_of')
      .select([
        'r.id',
        'r.reference',
        'u.email as referrer',
        'r.referrer_agency',
        'r.reason',
        'r.lawful_basis',
        'r.special_condition',
        'r.consent',
        'r.consent_reason',
        'r.dash_score',
        'r.grounds',
        'r.created_at',
        'r.repeat_of',
        'earlier.reference as repeat_reference',
      ])
      .whereRef('r.id', '=', 'c.referral_id'),
  ).as('referral');

export const risksPart = (eb: CaseRow) =>
  jsonArrayFrom(
    eb
      .selectFrom('case_risk as k')
      .select(['k.id', 'k.risk', 'k.level', 'k.recorded_at'])
      .whereRef('k.case_id', '=', 'c.id')
      .orderBy('k.id'),
  ).as('risks');

export const linksPart = (eb: CaseRow) =>
  jsonArrayFrom(
    eb
      .selectFrom('case_link as l')
      .leftJoin('person as p', 'p.id', 'l.person_id')
      .leftJoin('register_entry as e', 'e.id', 'l.location_entry_id')
      .select([
        'l.id',
        'l.relationship',
        'l.person_id',
        'p.reference',
        'p.given_name',
        'p.family_name',
        'p.date_of_birth',
        'l.location_entry_id',
        'e.reference as entry_reference',
        sql<string | null>`e.data ->> 'place'`.as('place'),
      ])
      .whereRef('l.case_id', '=', 'c.id')
      .orderBy('l.id'),
  ).as('links');

export const actionsPart = (eb: CaseRow) =>
  jsonArrayFrom(
    eb
      .selectFrom('case_action as a')
      .leftJoin('app_user as u', 'u.id', 'a.owner_id')
      .select(['a.id', 'a.text', 'u.email', 'a.owner_agency', 'a.due_on', 'a.status', 'a.completed_at'])
      .whereRef('a.case_id', '=', 'c.id')
      .orderBy('a.due_on')
      .orderBy('a.id'),
  ).as('actions');

export const meetingsPart = (eb: CaseRow) =>
  jsonArrayFrom(
    eb
      .selectFrom('panel_agenda_item as i')
      .innerJoin('panel_meeting as m', 'm.id', 'i.meeting_id')
      .select(['m.id', 'm.meets_on', 'i.reason'])
      .whereRef('i.case_id', '=', 'c.id')
      .orderBy('m.meets_on', 'desc'),
  ).as('meetings');

/** Sealed, and for current members of the case's panel only: `member` is that condition (caseRecord.ts). */
export const preparationsPart = (eb: CaseRow, member: Expression<SqlBool>) =>
  jsonArrayFrom(
    eb
      .selectFrom('case_preparation as p')
      .innerJoin('app_user as u', 'u.id', 'p.recorded_by')
      .leftJoin('panel_meeting as m', 'm.id', 'p.meeting_id')
      .select(['p.id', 'p.agency', 'p.meeting_id', 'm.meets_on', 'p.content_enc', 'u.email', 'p.recorded_at'])
      .whereRef('p.case_id', '=', 'c.id')
      .where(member)
      .orderBy('m.meets_on', 'desc')
      .orderBy('p.agency'),
  ).as('preparations');

/* The rows the subqueries above give, as they arrive inside JSON. */
type Stamp = Date | string;
interface ReferralJson {
  id: number;
  reference: string;
  referrer: string;
  referrer_agency: string;
  reason: string | null;
  lawful_basis: string;
  special_condition: string | null;
  consent: string;
  consent_reason: string | null;
  dash_score: number | null;
  grounds: unknown;
  created_at: Stamp;
  repeat_of: number | null;
  repeat_reference: string | null;
}
interface LinkJson {
  id: number;
  relationship: string;
  person_id: number | null;
  reference: string | null;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  location_entry_id: number | null;
  entry_reference: string | null;
  place: string | null;
}
interface ActionJson {
  id: number;
  text: string;
  email: string | null;
  owner_agency: string;
  due_on: string;
  status: CaseActionStatus;
  completed_at: Stamp | null;
}

export function referralFrom(r: ReferralJson): CaseReferral {
  const grounds: unknown = typeof r.grounds === 'string' ? JSON.parse(r.grounds) : r.grounds;
  return {
    id: r.id,
    reference: r.reference,
    referrer: r.referrer,
    referrerAgency: r.referrer_agency,
    reason: r.reason,
    lawfulBasis: r.lawful_basis,
    specialCondition: r.special_condition,
    consent: r.consent,
    consentReason: r.consent_reason,
    dashScore: r.dash_score,
    grounds: Array.isArray(grounds) ? grounds.map(String) : [],
    createdAt: at(r.created_at),
    repeatOf: r.repeat_of === null ? null : (r.repeat_reference ?? String(r.repeat_of)),
  };
}

export const linkFrom = (r: LinkJson): CaseLinkRow => ({
  id: r.id,
  relationship: r.relationship,
  person:
    r.person_id !== null && r.reference !== null
      ? {
          id: r.person_id,
          reference: r.reference,
          name: `${r.given_name} ${r.family_name}`,
          dateOfBirth: r.date_of_birth ?? '',
        }
      : null,
  location:
    r.location_entry_id !== null
      ? { entryId: r.location_entry_id, reference: r.entry_reference, place: r.place }
      : null,
});

export const actionFrom = (r: ActionJson): CaseActionRow => ({
  id: r.id,
  text: r.text,
  owner: r.email,
  ownerAgency: r.owner_agency,
  dueOn: r.due_on,
  status: r.status,
  completedAt: atOrNull(r.completed_at),
});

export const riskFrom = (r: { id: number; risk: string; level: RiskLevel; recorded_at: Date | string }) => ({
  id: r.id,
  risk: r.risk,
  level: r.level,
  recordedAt: at(r.recorded_at),
});
