import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CaseActionStatus } from '../../db/tables/panels.ts';

/* The parts of a case record read from other tables: its referral, its links and its actions (caseRecord.ts). */

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

export async function referralOf(db: Kysely<DB>, referralId: number): Promise<CaseReferral | null> {
  const r = await db
    .selectFrom('referral as r')
    .innerJoin('app_user as u', 'u.id', 'r.referrer_id')
    .leftJoin('referral as earlier', 'earlier.id', 'r.repeat_of')
    .selectAll('r')
    .select(['u.email as referrer', 'earlier.reference as repeat_reference'])
    .where('r.id', '=', referralId)
    .executeTakeFirst();
  if (!r) return null;
  const grounds = typeof r.grounds === 'string' ? JSON.parse(r.grounds) : r.grounds;
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
    createdAt: r.created_at,
    repeatOf: r.repeat_of === null ? null : (r.repeat_reference ?? String(r.repeat_of)),
  };
}

export async function linksOf(db: Kysely<DB>, caseId: number): Promise<CaseLinkRow[]> {
  const rows = await db
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
      'e.data as entry_data',
    ])
    .where('l.case_id', '=', caseId)
    .orderBy('l.id')
    .execute();
  return rows.map((r) => {
    const data = (typeof r.entry_data === 'string' ? JSON.parse(r.entry_data) : r.entry_data) as Record<
      string,
      unknown
    > | null;
    return {
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
          ? {
              entryId: r.location_entry_id,
              reference: r.entry_reference,
              place: typeof data?.place === 'string' ? data.place : null,
            }
          : null,
    };
  });
}

export async function actionsOf(db: Kysely<DB>, caseId: number): Promise<CaseActionRow[]> {
  const rows = await db
    .selectFrom('case_action as a')
    .leftJoin('app_user as u', 'u.id', 'a.owner_id')
    .select(['a.id', 'a.text', 'u.email', 'a.owner_agency', 'a.due_on', 'a.status', 'a.completed_at'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.due_on')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    owner: r.email,
    ownerAgency: r.owner_agency,
    dueOn: r.due_on,
    status: r.status,
    completedAt: r.completed_at,
  }));
}
