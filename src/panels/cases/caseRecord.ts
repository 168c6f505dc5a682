import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import type { RiskLevel } from '../../db/tables/panels.ts';
import {
  accessColumns,
  accessFrom,
  type CaseAccess,
  isCurrentMember,
  type ReaderAt,
  readableCasesAt,
  readerAt,
} from '../access/caseAccess.ts';
import { preparedQuery } from '../../db/preparedQuery.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { open } from '../crypto/fieldCipher.ts';
import { definitionText, panelDefinitionFrom } from '../panel/panelDefinition.ts';
import type { PanelDefinition } from '../panelSchema.ts';
import { openSpecial, type Person } from '../people/person.ts';
import {
  type CaseActionRow,
  type CaseLinkRow,
  type CaseReferral,
  actionFrom,
  actionsPart,
  at,
  linkFrom,
  linksPart,
  meetingsPart,
  personPart,
  preparationsPart,
  referralFrom,
  referralPart,
  riskFrom,
  risksPart,
} from './caseRecordParts.ts';
import { PREPARATION_CONTEXT, type Preparation } from './preparation.ts';

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

/**
 * One query: the rule in SQL (readableCasesAt) keeps a case from anyone it does not let in, the access columns say
 * by which right, and the sealed preparation is selected only where the reader is a current member. Every case page
 * runs it, so it is prepared (src/db/preparedQuery.ts): built once, and planned once per PostgreSQL connection.
 */
const caseQuery = preparedQuery(
  (db, v: ReaderAt & { caseId: number }) =>
    db
      .selectFrom('panel_case as c')
      .innerJoin('panel as p', 'p.id', 'c.panel_id')
      .leftJoin('app_user as a', 'a.id', 'c.allocated_to')
      .selectAll('c')
      .select((eb) => [
        ...accessColumns(eb, v),
        'a.email as allocated_email',
        definitionText.as('definition'),
        personPart(eb),
        referralPart(eb),
        risksPart(eb),
        linksPart(eb),
        actionsPart(eb),
        meetingsPart(eb),
        preparationsPart(eb, isCurrentMember(eb, v)),
      ])
      .where('c.id', '=', v.caseId)
      .where(readableCasesAt(v)),
  ['userId', 'day', 'now', 'caseId'],
);

export async function caseRecord(
  db: Kysely<DB>,
  ring: KeyRing,
  actor: Actor,
  caseId: number,
  now: Date,
): Promise<CaseRecord | null> {
  const [c] = await caseQuery(db, { ...readerAt(actor, now), caseId });
  const access = c ? accessFrom(c, actor) : null;
  if (!c || !access) return null;
  const member = access.via === 'member';
  const person = c.person;
  return {
    access,
    panel: panelDefinitionFrom(c.definition),
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
    person: person
      ? {
          id: person.id,
          reference: person.reference,
          givenName: person.given_name,
          familyName: person.family_name,
          dateOfBirth: person.date_of_birth,
          sex: person.sex,
          // Opened for members only: nobody else's read decrypts them.
          special: member ? openSpecial(ring, person.special_enc) : null,
        }
      : null,
    referral: c.referral ? referralFrom(c.referral) : null,
    risks: c.risks.map(riskFrom),
    links: c.links.map(linkFrom),
    actions: c.actions.map(actionFrom),
    preparations: member
      ? c.preparations.map((r) => ({
          id: r.id,
          agency: r.agency,
          meetingId: r.meeting_id,
          meetsOn: r.meets_on,
          content: open(ring, PREPARATION_CONTEXT, r.content_enc),
          recordedBy: r.email,
          recordedAt: at(r.recorded_at),
        }))
      : null,
    meetings: c.meetings.map((m) => ({ id: m.id, meetsOn: m.meets_on, reason: m.reason })),
  };
}
