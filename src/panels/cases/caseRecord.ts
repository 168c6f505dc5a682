import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { CaseActionStatus, RiskLevel } from '../../db/tables/panels.ts';
import { type CaseAccess, caseAccess } from '../access/caseAccess.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { readPanelDefinition } from '../panel/panelDefinition.ts';
import type { PanelDefinition } from '../panelSchema.ts';
import { type Person, readPerson } from '../people/person.ts';
import { casePreparations, type Preparation } from './preparation.ts';

/*
 * One case as its reader may see it. Need to know first (caseAccess: null is "not found"); then what the right
 * allows: the special category fields and the agencies' preparation only to current members of the panel. The
 * caller records the read (recordCaseRead), so every view of a case is in the audit log.
 */

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

export interface CaseRecord {
  access: CaseAccess;
  panel: PanelDefinition;
  id: number;
  reference: string;
  status: 'open' | 'closed';
  summary: string | null;
  escalated: boolean;
  openedAt: Date;
  firstHeardOn: string | null;
  reviewOn: string | null;
  outcome: string | null;
  closedAt: Date | null;
  closureReason: string | null;
  retainUntil: string | null;
  personalRemovedAt: Date | null;
  allocatedTo: string | null;
  /** Null after retention removed it. `special` is left out for readers who are not members. */
  person: (Omit<Person, 'special'> & { special: Person['special'] | null }) | null;
  referral: CaseReferral | null;
  risks: { id: number; risk: string; level: RiskLevel; recordedAt: Date }[];
  links: CaseLinkRow[];
  actions: CaseActionRow[];
  /** Null for readers who are not members of the panel. */
  preparations: Preparation[] | null;
  meetings: { id: number; meetsOn: string; reason: string }[];
}

export async function caseRecord(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  caseId: number,
  now: Date,
): Promise<CaseRecord | null> {
  const access = await caseAccess(db, actor, caseId, now);
  if (!access) return null;
  const member = access.via === 'member';
  const c = await db
    .selectFrom('panel_case as c')
    .leftJoin('app_user as a', 'a.id', 'c.allocated_to')
    .selectAll('c')
    .select('a.email as allocated_email')
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const [panel, person, referral, risks, links, actions, preparations, meetings] = await Promise.all([
    readPanelDefinition(db, c.panel_id),
    c.person_id === null ? null : readPerson(db, ring, c.person_id),
    c.referral_id === null ? null : referralOf(db, c.referral_id),
    db
      .selectFrom('case_risk')
      .select(['id', 'risk', 'level', 'recorded_at'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute(),
    linksOf(db, caseId),
    actionsOf(db, caseId),
    member ? casePreparations(db, ring, caseId) : null,
    db
      .selectFrom('panel_agenda_item as i')
      .innerJoin('panel_meeting as m', 'm.id', 'i.meeting_id')
      .select(['m.id', 'm.meets_on', 'i.reason'])
      .where('i.case_id', '=', caseId)
      .orderBy('m.meets_on', 'desc')
      .execute(),
  ]);
  return {
    access,
    panel,
    id: c.id,
    reference: c.reference,
    status: c.status,
    summary: c.summary,
    escalated: c.escalated,
    openedAt: c.opened_at,
    firstHeardOn: c.first_heard_on,
    reviewOn: c.review_on,
    outcome: c.outcome,
    closedAt: c.closed_at,
    closureReason: c.closure_reason,
    retainUntil: c.retain_until,
    personalRemovedAt: c.personal_removed_at,
    allocatedTo: c.allocated_email,
    person: person ? { ...person, special: member ? person.special : null } : null,
    referral,
    risks: risks.map((r) => ({ id: r.id, risk: r.risk, level: r.level, recordedAt: r.recorded_at })),
    links,
    actions,
    preparations,
    meetings: meetings.map((m) => ({ id: m.id, meetsOn: m.meets_on, reason: m.reason })),
  };
}

async function referralOf(db: Kysely<DB>, referralId: number): Promise<CaseReferral | null> {
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

async function linksOf(db: Kysely<DB>, caseId: number): Promise<CaseLinkRow[]> {
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

async function actionsOf(db: Kysely<DB>, caseId: number): Promise<CaseActionRow[]> {
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
