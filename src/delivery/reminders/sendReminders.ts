import { type Kysely, sql } from 'kysely';
import nodemailer from 'nodemailer';
import { type AuditAction, type AuditActor, recordAudit, SYSTEM_ACTOR } from '../../audit/recordAudit.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { reminderItems, reminderUsers } from './reminderItems.ts';
import { type Reminder, remindersDue } from './remindersDue.ts';

/*
 * Sending the reminders due on a day through the SMTP server named in configuration. Each message sent is recorded
 * at once in the audit log (`plan.reminder.sent`: the recipient and item ids, never the body), so a person gets one
 * reminder a day however often this runs, and a failure part-way leaves what was sent recorded.
 */

export const REMINDER_SENT = 'plan.reminder.sent' satisfies AuditAction;
/** The advisory lock class of reminder sends (the second key is the day and recipient). */
const REMINDER_LOCK = 0x5afe_4e11;

export class ReminderError extends Error {
  constructor(
    message: string,
    /** What was sent (and recorded) before the failure. */
    readonly sent: readonly Reminder[] = [],
  ) {
    super(message);
    this.name = 'ReminderError';
  }
}

export interface ReminderRun {
  /** Sent now (or, in a dry run, what would be sent). */
  sent: Reminder[];
  /** Recipients already reminded on this day: nothing sent again. */
  alreadyReminded: string[];
  dryRun: boolean;
}

/** The server as people name it, without the user and password the URL may carry. */
export const serverName = (smtpUrl: string) => {
  const u = new URL(smtpUrl);
  return `${u.protocol}//${u.host}`;
};

export async function sendReminders(
  db: Kysely<DB>,
  config: Pick<Config, 'mail' | 'oidc'>,
  today: string,
  options: { dryRun?: boolean; actor?: AuditActor } = {},
): Promise<ReminderRun> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new ReminderError(`"${today}" is not a date (YYYY-MM-DD)`);
  const dryRun = options.dryRun ?? false;
  const mail = config.mail;
  if (mail === undefined && !dryRun)
    throw new ReminderError('e-mail is not configured: set SAFER_SMTP_URL and SAFER_MAIL_FROM to send reminders');
  const due = remindersDue(await reminderItems(db), today, {
    ...(config.oidc.publicUrl === undefined ? {} : { baseUrl: config.oidc.publicUrl }),
    users: await reminderUsers(db),
  });
  const reminded = new Set(
    (
      await db
        .selectFrom('audit_log')
        .select('subject_id')
        .where('action', '=', REMINDER_SENT)
        .where('subject_type', '=', 'reminder')
        .where('subject_id', 'in', due.length === 0 ? [''] : due.map((r) => subjectId(today, r.to)))
        .execute()
    ).map((r) => r.subject_id),
  );
  const toSend = due.filter((r) => !reminded.has(subjectId(today, r.to)));
  const alreadyReminded = due.filter((r) => reminded.has(subjectId(today, r.to))).map((r) => r.to);
  if (dryRun || mail === undefined) return { sent: toSend, alreadyReminded, dryRun: true };
  const transport = mailTransport(mail);
  const sent: Reminder[] = [];
  try {
    for (const reminder of toSend) {
      // One transaction per reminder, holding a lock on its (day, recipient): a second run at the same moment waits,
      // then finds it recorded and sends nothing. The message goes out only while the lock is held.
      const subject = subjectId(today, reminder.to);
      const sentNow = await db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${REMINDER_LOCK}, hashtext(${subject}))`.execute(trx);
        const already = await trx
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', REMINDER_SENT)
          .where('subject_type', '=', 'reminder')
          .where('subject_id', '=', subject)
          .executeTakeFirst();
        if (already) return false;
        try {
          await transport.sendMail({ to: reminder.to, subject: reminder.subject, text: reminder.body });
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new ReminderError(
            `the mail server ${serverName(mail.smtpUrl)} did not take the reminder to ${reminder.to}: ${reason}` +
              (sent.length > 0 ? ` (${sent.length} sent before it, recorded)` : ''),
            sent,
          );
        }
        await recordAudit(trx, {
          action: REMINDER_SENT,
          actor: options.actor ?? SYSTEM_ACTOR,
          subjectType: 'reminder',
          subjectId: subject,
          details: { day: today, recipient: reminder.to, items: reminder.itemIds },
        });
        return true;
      });
      if (sentNow) sent.push(reminder);
      else alreadyReminded.push(reminder.to);
    }
  } finally {
    transport.close();
  }
  return { sent, alreadyReminded, dryRun: false };
}

/** The configured SMTP server as a nodemailer transport (reminders; the break-glass notice to a panel's chair). */
export function mailTransport(mail: NonNullable<Config['mail']>) {
  // Short waits: a server that does not answer should fail the run in seconds, not hang it for minutes.
  return nodemailer.createTransport(
    `${mail.smtpUrl}${mail.smtpUrl.includes('?') ? '&' : '?'}connectionTimeout=10000&greetingTimeout=10000&socketTimeout=30000`,
    { from: mail.from },
  );
}

/** One reminder per person per day: the audit subject says which. */
const subjectId = (today: string, to: string) => `${today} ${to}`;
