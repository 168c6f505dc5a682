import { type Kysely, sql } from 'kysely';
import { type AuditEvent, recordAudits } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';

/*
 * The demo writes its SYNTHETIC casework straight to the tables (the store functions each open their own
 * transaction), so its audit rows are written here, in the demo's transaction: one per seeded event, read back from
 * the rows written after `demoAuditStart`, by whom and when each row says, in time order, with `seeded: 'demo'` in
 * the details. The shapes follow the stores' own audit rows (screeningStore, referralStore, triage, openCase,
 * caseDetails, preparation, caseActions, hearing, agenda).
 */

const TABLES = [
  'screening',
  'referral',
  'panel_case',
  'case_risk',
  'case_preparation',
  'case_action',
  'panel_meeting',
] as const;
type Start = Record<(typeof TABLES)[number], number>;

/** The highest id of each table before the demo writes: rows above it are the demo's. */
export async function demoAuditStart(trx: Kysely<DB>): Promise<Start> {
  const start = {} as Start;
  for (const t of TABLES)
    start[t] = Number(
      (await sql<{ n: string | null }>`SELECT max(id) AS n FROM ${sql.table(t)}`.execute(trx)).rows[0]?.n ?? 0,
    );
  return start;
}

type Entry = { event: AuditEvent; now: Date };

export async function recordDemoAudit(trx: Kysely<DB>, start: Start): Promise<number> {
  const users = new Map(
    (await trx.selectFrom('app_user').select(['id', 'email', 'agency_code']).execute()).map((u) => [u.id, u]),
  );
  // The panel's chair (else its first member) records what the chair records: meetings, agendas, closures.
  const leads = new Map<string, number>();
  for (const m of await trx
    .selectFrom('panel_member')
    .select(['panel_id', 'user_id', 'role'])
    .where('left_on', 'is', null)
    .orderBy(sql`role = 'chair'`, 'desc')
    .orderBy('id')
    .execute())
    if (!leads.has(m.panel_id)) leads.set(m.panel_id, m.user_id);
  const entries: Entry[] = [];
  const add = (
    by: number | null | undefined,
    when: Date | string | null,
    action: AuditEvent['action'],
    subjectType: string,
    subjectId: string | number,
    details: Record<string, unknown>,
  ) => {
    const u = by == null ? undefined : users.get(by);
    if (!u || when === null) return;
    entries.push({
      event: {
        action,
        actor: { userId: u.id, email: u.email, agency: u.agency_code },
        subjectType,
        subjectId,
        details: { ...details, seeded: 'demo' },
      },
      now: new Date(when),
    });
  };
  for (const s of await trx.selectFrom('screening').selectAll().where('id', '>', start.screening).execute())
    add(s.completed_by, s.created_at, 'screening.complete', 'screening', s.id, { level: s.level });
  const referrals = await trx.selectFrom('referral').selectAll().where('id', '>', start.referral).execute();
  for (const r of referrals) {
    add(r.referrer_id, r.created_at, 'referral.create', 'referral', r.id, {
      reference: r.reference,
      panel: r.panel_id,
    });
    add(r.triaged_by, r.triaged_at, 'referral.triage', 'referral', r.id, { decision: r.triage_decision });
  }
  const triager = new Map(referrals.map((r) => [r.id, r.triaged_by]));
  for (const c of await trx.selectFrom('panel_case').selectAll().where('id', '>', start.panel_case).execute()) {
    const lead = leads.get(c.panel_id);
    const opener = (c.referral_id === null ? undefined : triager.get(c.referral_id)) ?? lead;
    add(opener, c.opened_at, 'case.open', 'panel_case', c.id, { reference: c.reference, panel: c.panel_id });
    add(lead, c.closed_at, 'case.close', 'panel_case', c.id, { reason: c.closure_reason, outcome: c.outcome });
  }
  for (const r of await trx.selectFrom('case_risk').selectAll().where('id', '>', start.case_risk).execute())
    add(r.recorded_by, r.recorded_at, 'case.update', 'panel_case', r.case_id, { added: 'risk', risk: r.id });
  for (const p of await trx
    .selectFrom('case_preparation')
    .select(['id', 'case_id', 'meeting_id', 'agency', 'recorded_by', 'recorded_at'])
    .where('id', '>', start.case_preparation)
    .execute())
    add(p.recorded_by, p.recorded_at, 'case.preparation', 'panel_case', p.case_id, {
      meeting: p.meeting_id,
      agency: p.agency,
    });
  for (const a of await trx.selectFrom('case_action').selectAll().where('id', '>', start.case_action).execute()) {
    add(a.created_by, a.created_at, 'case.action.add', 'panel_case', a.case_id, { action: a.id, dueOn: a.due_on });
    if (a.status === 'done')
      add(a.owner_id, a.completed_at, 'case.action.status', 'panel_case', a.case_id, {
        action: a.id,
        from: 'open',
        to: 'done',
      });
  }
  for (const m of await trx.selectFrom('panel_meeting').selectAll().where('id', '>', start.panel_meeting).execute()) {
    const lead = leads.get(m.panel_id);
    add(lead, m.agenda_built_at, 'panel.meeting.create', 'panel', m.panel_id, { meeting: m.id, meetsOn: m.meets_on });
    add(lead, m.agenda_built_at, 'panel.agenda.build', 'panel_meeting', m.id, {
      panel: m.panel_id,
      meetsOn: m.meets_on,
    });
  }
  entries.sort((a, b) => a.now.getTime() - b.now.getTime());
  await recordAudits(trx, entries);
  return entries.length;
}
