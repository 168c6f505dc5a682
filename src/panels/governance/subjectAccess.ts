import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { open } from '../crypto/fieldCipher.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { type Person, readPerson } from '../people/person.ts';
import { freeText, type Marked, mark, staffEmail } from './thirdParty.ts';

/*
 * Everything Safer holds on ONE person (UK GDPR article 15): the person with their special category fields opened,
 * their referrals (lawful basis, consent, triage) and the screenings behind them, their cases (risks, links,
 * each agency's preparation opened, actions, outcome, agenda appearances), the break-glass reads of their cases and
 * every audit row about their cases and referrals (who read them, when). Only rows reached from this person are read,
 * so nothing of anyone else's record can enter; third parties inside it are marked (thirdParty.ts).
 */

const PREPARATION_CONTEXT = 'case_preparation.content_enc';

export interface SubjectAccessRecord {
  generatedAt: string;
  person: Person;
  referrals: Record<string, unknown>[];
  screenings: Record<string, unknown>[];
  cases: Record<string, unknown>[];
  breakGlassReads: Record<string, unknown>[];
  auditTrail: Record<string, unknown>[];
}

export interface SubjectAccessOptions {
  /** The agency releasing the record: its staff e-mails stay unmarked; null marks every staff e-mail. */
  releasingAgency: string | null;
  now: Date;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** The person's record, or null when no person has that reference. */
export async function subjectAccessRecord(
  db: Kysely<DB>,
  ring: KeyRing,
  personReference: string,
  options: SubjectAccessOptions,
): Promise<SubjectAccessRecord | null> {
  const row = await db.selectFrom('person').select('id').where('reference', '=', personReference).executeTakeFirst();
  if (!row) return null;
  const person = await readPerson(db, ring, row.id);
  if (!person) return null;
  const staff = new Map(
    (await db.selectFrom('app_user').select(['id', 'email', 'agency_code']).execute()).map((u) => [u.id, u]),
  );
  const who = (id: number | null): Marked<string> | null => {
    const u = id === null ? undefined : staff.get(id);
    return u ? staffEmail(u.email, u.agency_code, options.releasingAgency) : null;
  };

  const referralRows = await db
    .selectFrom('referral')
    .selectAll()
    .where('person_id', '=', person.id)
    .orderBy('id')
    .execute();
  const caseRows = await db
    .selectFrom('panel_case')
    .selectAll()
    .where('person_id', '=', person.id)
    .orderBy('id')
    .execute();
  const caseIds = caseRows.map((c) => c.id);
  const links = caseIds.length
    ? await db
        .selectFrom('case_link as l')
        .leftJoin('person as p', 'p.id', 'l.person_id')
        .select([
          'l.id',
          'l.case_id',
          'l.relationship',
          'l.location_entry_id',
          'l.added_by',
          'l.added_at',
          'p.given_name',
          'p.family_name',
          'p.reference',
        ])
        .where('l.case_id', 'in', caseIds)
        .orderBy('l.id')
        .execute()
    : [];
  // The people linked to this person's cases are the third parties free text may name.
  const names = links.flatMap((l) => (l.given_name === null ? [] : [l.given_name, l.family_name ?? '']));
  const text = (s: string | null) => freeText(s, names);

  const screeningIds = referralRows.flatMap((r) => (r.screening_id === null ? [] : [r.screening_id]));
  const screenings = screeningIds.length
    ? await db.selectFrom('screening').selectAll().where('id', 'in', screeningIds).orderBy('id').execute()
    : [];
  const referrals = referralRows.map((r) => ({
    reference: r.reference,
    panel: r.panel_id,
    referredAt: iso(r.created_at),
    referrer: who(r.referrer_id),
    referrerAgency: r.referrer_agency,
    reason: text(r.reason),
    grounds: json(r.grounds),
    dashScore: r.dash_score,
    lawfulBasis: r.lawful_basis,
    specialCondition: r.special_condition,
    consent: r.consent,
    consentReason: text(r.consent_reason),
    status: r.status,
    triageDueAt: iso(r.triage_due_at),
    triagedAt: iso(r.triaged_at),
    triagedBy: who(r.triaged_by),
    triageDecision: r.triage_decision,
    triageReason: text(r.triage_reason),
  }));
  const screeningList = screenings.map((s) => ({
    id: s.id,
    tool: `${s.tool_id} v${s.tool_version}`,
    completedAt: iso(s.created_at),
    agency: s.agency,
    setting: s.setting,
    completedBy: staffEmail(s.completed_by_email, s.agency, options.releasingAgency),
    answers: json(s.answers),
    score: s.score,
    level: s.level,
    reasons: json(s.reasons),
    recommendedRoute: s.recommended_route,
    confirmedRoute: s.confirmed_route,
    overrideReason: text(s.override_reason),
  }));

  const [risks, preparation, actions, agenda, grants] = caseIds.length
    ? await Promise.all([
        db.selectFrom('case_risk').selectAll().where('case_id', 'in', caseIds).orderBy('id').execute(),
        db.selectFrom('case_preparation').selectAll().where('case_id', 'in', caseIds).orderBy('id').execute(),
        db.selectFrom('case_action').selectAll().where('case_id', 'in', caseIds).orderBy('id').execute(),
        db
          .selectFrom('panel_agenda_item as a')
          .innerJoin('panel_meeting as m', 'm.id', 'a.meeting_id')
          .select(['a.case_id', 'a.reason', 'm.meets_on', 'm.panel_id'])
          .where('a.case_id', 'in', caseIds)
          .orderBy('m.meets_on')
          .execute(),
        db.selectFrom('case_read_grant').selectAll().where('case_id', 'in', caseIds).orderBy('id').execute(),
      ])
    : [[], [], [], [], []];
  const referenceOf = new Map(caseRows.map((c) => [c.id, c.reference]));
  const cases = caseRows.map((c) => ({
    reference: c.reference,
    panel: c.panel_id,
    status: c.status,
    openedAt: iso(c.opened_at),
    allocatedTo: who(c.allocated_to),
    summary: text(c.summary),
    escalated: c.escalated,
    firstHeardOn: c.first_heard_on,
    reviewOn: c.review_on,
    outcome: c.outcome,
    closedAt: iso(c.closed_at),
    closureReason: text(c.closure_reason),
    retainUntil: c.retain_until,
    risks: risks
      .filter((r) => r.case_id === c.id)
      .map((r) => ({ risk: r.risk, level: r.level, recordedBy: who(r.recorded_by), recordedAt: iso(r.recorded_at) })),
    links: links
      .filter((l) => l.case_id === c.id)
      .map((l) => ({
        relationship: l.relationship,
        person:
          l.given_name === null
            ? null
            : mark(`${l.given_name} ${l.family_name} (${l.reference})`, 'third party: a linked person'),
        locationEntry: l.location_entry_id,
        addedBy: who(l.added_by),
        addedAt: iso(l.added_at),
      })),
    preparation: preparation
      .filter((p) => p.case_id === c.id)
      .map((p) => ({
        agency: p.agency,
        recordedBy: who(p.recorded_by),
        recordedAt: iso(p.recorded_at),
        content: text(open(ring, PREPARATION_CONTEXT, p.content_enc)),
      })),
    actions: actions
      .filter((a) => a.case_id === c.id)
      .map((a) => ({
        text: text(a.text),
        owner: who(a.owner_id),
        ownerAgency: a.owner_agency,
        dueOn: a.due_on,
        status: a.status,
        createdAt: iso(a.created_at),
        completedAt: iso(a.completed_at),
      })),
    agendaAppearances: agenda
      .filter((a) => a.case_id === c.id)
      .map((a) => ({ meetsOn: a.meets_on, panel: a.panel_id, reason: a.reason })),
  }));
  const breakGlassReads = grants.map((g) => ({
    case: referenceOf.get(g.case_id),
    who: who(g.user_id),
    agency: staff.get(g.user_id)?.agency_code ?? '',
    at: iso(g.granted_at),
    until: iso(g.expires_at),
    reason: text(g.reason),
  }));

  const referralIds = referralRows.map((r) => String(r.id));
  const subjects = [
    ...caseIds.map((id) => ['panel_case', String(id)] as const),
    ...referralIds.map((id) => ['referral', id] as const),
    ['person', String(person.id)] as const,
  ];
  const audit = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_email', 'actor_agency', 'action', 'subject_type', 'subject_id', 'details'])
    .where((eb) =>
      eb.or(subjects.map(([type, id]) => eb.and([eb('subject_type', '=', type), eb('subject_id', '=', id)]))),
    )
    .orderBy('id')
    .execute();
  const subjectName = (type: string, id: string) =>
    type === 'panel_case'
      ? (referenceOf.get(Number(id)) ?? id)
      : type === 'referral'
        ? (referralRows.find((r) => String(r.id) === id)?.reference ?? id)
        : person.reference;
  const auditTrail = audit.map((a) => {
    const details = json(a.details) as Record<string, unknown>;
    const reason = typeof details.reason === 'string' ? text(details.reason) : undefined;
    return {
      at: iso(a.at),
      action: a.action,
      about: subjectName(a.subject_type, a.subject_id),
      who: a.actor_email.includes('@')
        ? staffEmail(a.actor_email, a.actor_agency, options.releasingAgency)
        : a.actor_email,
      agency: a.actor_agency,
      ...(details.via === undefined ? {} : { via: details.via }),
      ...(details.what === undefined ? {} : { what: details.what }),
      ...(reason === undefined ? {} : { reason }),
    };
  });
  return {
    generatedAt: options.now.toISOString(),
    person,
    referrals,
    screenings: screeningList,
    cases,
    breakGlassReads,
    auditTrail,
  };
}
