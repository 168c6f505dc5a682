import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importPlan } from '../import/importPlan.ts';
import { SYNTHETIC_PLAN_CSV, SYNTHETIC_PLAN_TITLE } from '../import/testing/syntheticPlanTemplate.ts';
import { CLI_ACTOR } from '../testing/deliveryCounts.ts';
import { ReminderError, sendReminders } from './sendReminders.ts';
import { type LocalSmtpServer, startLocalSmtpServer } from './testing/localSmtpServer.ts';

/*
 * Reminders through a real SMTP server this test starts on 127.0.0.1. The SYNTHETIC plan's owners with addresses:
 * 1.1.1 dana.cole (due 2026-03-31, updated 2025-11-01), 1.1.2 sgt.obi (due 2025-12-31, at risk), 2.1.1 amina.khan
 * (due 2026-01-31). On 2026-01-27: 1.1.2 is overdue, 2.1.1 due within the week, 1.1.1 neither (its update is 87
 * days old), so two people get one reminder each.
 */

let t: TestDb;
let smtp: LocalSmtpServer;
const FROM = 'safer@csp.example';
const config = () => ({
  mail: { smtpUrl: smtp.url, from: FROM },
  oidc: { providers: [], publicUrl: 'https://safer.example', leaverDays: 90, allowHttp: false },
});
const reminderRows = () =>
  t.database.db
    .selectFrom('audit_log')
    .select(['subject_id', 'details'])
    .where('action', '=', 'plan.reminder.sent')
    .orderBy('id')
    .execute();

let planId: number;
beforeAll(async () => {
  t = await createTestDb();
  smtp = await startLocalSmtpServer();
  ({ planId } = await importPlan(t.database.db, CLI_ACTOR, {
    fileName: 'plan.csv',
    bytes: new TextEncoder().encode(SYNTHETIC_PLAN_CSV),
    kind: 'plan',
    onDate: '2025-11-01',
  }));
}, 60_000);
afterAll(async () => {
  await smtp?.close();
  await t?.drop();
});

describe('sending reminders', () => {
  it('a dry run lists the reminders and sends and records nothing', async () => {
    const run = await sendReminders(t.database.db, config(), '2026-01-27', { dryRun: true });
    expect(run.dryRun).toBe(true);
    expect(run.sent.map((r) => r.to)).toEqual(['amina.khan@example.org', 'sgt.obi@example.org']);
    expect(smtp.received).toEqual([]);
    expect(await reminderRows()).toEqual([]);
  });

  it('sends one message to each owner with the items, and records each send without its body', async () => {
    const run = await sendReminders(t.database.db, config(), '2026-01-27');
    expect(run).toMatchObject({ dryRun: false, alreadyReminded: [] });
    expect(smtp.received.map((m) => [m.from, m.to, m.subject])).toEqual([
      [FROM, ['amina.khan@example.org'], 'Safer: 1 plan item needs your update'],
      [FROM, ['sgt.obi@example.org'], 'Safer: 1 plan item needs your update'],
    ]);
    const items = (text: string) => text.split('\n').filter((l) => l.startsWith('- ') || l.startsWith('  http'));
    expect(items(smtp.received[0]?.text ?? '')).toEqual([
      `- ${SYNTHETIC_PLAN_TITLE}, item 2.1.1: Recruit a second IDVA for the hospital, with its own line manager (SYNTHETIC) (due on 2026-01-31)`,
      `  https://safer.example/plans/${planId}`,
    ]);
    expect(items(smtp.received[1]?.text ?? '')).toEqual([
      `- ${SYNTHETIC_PLAN_TITLE}, item 1.1.2: Agree a licensing condition for late venues, including search on entry (SYNTHETIC) (overdue: it was due on 2025-12-31)`,
      `  https://safer.example/plans/${planId}`,
    ]);
    const rows = await reminderRows();
    expect(rows.map((r) => r.subject_id)).toEqual([
      '2026-01-27 amina.khan@example.org',
      '2026-01-27 sgt.obi@example.org',
    ]);
    const details = JSON.parse(rows[0]?.details ?? '{}');
    expect(Object.keys(details).sort()).toEqual(['day', 'items', 'recipient']);
    expect(details).toMatchObject({ day: '2026-01-27', recipient: 'amina.khan@example.org' });
    expect(details.items).toHaveLength(1);
  });

  it('does not remind the same person twice on one day', async () => {
    const run = await sendReminders(t.database.db, config(), '2026-01-27');
    expect(run.sent).toEqual([]);
    expect(run.alreadyReminded).toEqual(['amina.khan@example.org', 'sgt.obi@example.org']);
    expect(smtp.received).toHaveLength(2);
    expect(await reminderRows()).toHaveLength(2);
  });

  it('stops with the server and recipient named when the server refuses one, keeping what was sent recorded', async () => {
    await t.database.db
      .updateTable('plan_item')
      .set({ owner_person: 'refused@example.org', due_on: '2026-01-20' })
      .where('plan_id', '=', planId)
      .where('number', '=', '1.2')
      .execute();
    smtp.refuse.add('refused@example.org');
    // 2026-01-28, in address order: amina (due 2026-01-31) is sent, refused (1.2, overdue) is refused, sgt.obi waits.
    const error = await sendReminders(t.database.db, config(), '2026-01-28').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReminderError);
    expect((error as ReminderError).message).toMatch(
      /^the mail server smtp:\/\/127\.0\.0\.1:\d+ did not take the reminder to refused@example\.org: .*550.*mailbox unavailable.* \(1 sent before it, recorded\)$/,
    );
    expect((error as ReminderError).sent.map((r) => r.to)).toEqual(['amina.khan@example.org']);
    expect(smtp.received.map((m) => m.to[0])).toEqual([
      'amina.khan@example.org',
      'sgt.obi@example.org',
      'amina.khan@example.org',
    ]);
    expect((await reminderRows()).map((r) => r.subject_id).slice(2)).toEqual(['2026-01-28 amina.khan@example.org']);
  });

  it('names the server and the recipient when the server cannot be reached', async () => {
    const closed = await startLocalSmtpServer();
    await closed.close();
    const error = await sendReminders(
      t.database.db,
      { ...config(), mail: { smtpUrl: `${closed.url.replace('smtp://', 'smtp://user:secret@')}`, from: FROM } },
      '2026-01-30',
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReminderError);
    expect((error as ReminderError).message).toMatch(
      /^the mail server smtp:\/\/127\.0\.0\.1:\d+ did not take the reminder to amina\.khan@example\.org: .*ECONNREFUSED/,
    );
    expect((error as ReminderError).message).not.toContain('secret');
    expect((await reminderRows()).map((r) => r.subject_id).filter((s) => s.startsWith('2026-01-30'))).toEqual([]);
  });

  it('sends nothing when e-mail is not configured', async () => {
    await expect(sendReminders(t.database.db, { mail: undefined, oidc: config().oidc }, '2026-01-29')).rejects.toThrow(
      new ReminderError('e-mail is not configured: set SAFER_SMTP_URL and SAFER_MAIL_FROM to send reminders'),
    );
    expect(smtp.received).toHaveLength(3);
  });

  it('two runs at the same moment send each person one reminder between them', async () => {
    smtp.refuse.delete('refused@example.org');
    const before = smtp.received.length;
    // 2026-02-02: amina (2.1.1, due 2026-01-31), refused@ (1.2, due 2026-01-20) and sgt.obi (1.1.2) are overdue, and
    // dana.cole's 1.1.1 was last updated 93 days before (2025-11-01), past the 90 days that call for an update.
    const [a, b] = await Promise.all([
      sendReminders(t.database.db, config(), '2026-02-02'),
      sendReminders(t.database.db, config(), '2026-02-02'),
    ]);
    const recipients = [
      'amina.khan@example.org',
      'dana.cole@example.org',
      'refused@example.org',
      'sgt.obi@example.org',
    ];
    expect([...a.sent, ...b.sent].map((r) => r.to).sort()).toEqual(recipients);
    expect(
      smtp.received
        .slice(before)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(recipients);
    expect((await reminderRows()).filter((r) => r.subject_id.startsWith('2026-02-02'))).toHaveLength(4);
  });
});
