import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { RiskLevel } from '../../db/tables/panels.ts';
import { type CaseAccess, caseAccess } from '../access/caseAccess.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { readPanelDefinition } from '../panel/panelDefinition.ts';
import type { PanelDefinition } from '../panelSchema.ts';
import { type Person, readPerson } from '../people/person.ts';
import {
  type CaseActionRow,
  type CaseLinkRow,
  type CaseReferral,
  actionsOf,
  linksOf,
  referralOf,
} from './caseRecordParts.ts';
import { casePreparations, type Preparation } from './preparation.ts';

/*
 * One case as its reader may see it. Need to know first (caseAccess: null is "not found"); then what the right
 * allows: the special category fields and the agencies' preparation only to current members of the panel. The
 * caller records the read (recordCaseRead), so every view of a case is in the audit log.
 */

export type { CaseActionRow, CaseLinkRow, CaseReferral };

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
