import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { mailTransport } from '../../delivery/reminders/sendReminders.ts';

/*
 * Telling a panel's chairs that someone broke glass on one of its cases (decision 0017, 2). Sent after the grant
 * has committed, so a mail server that is down never undoes the audited grant; `chair_notified_at` says whether it
 * went, and the chair's page (breakGlassReads.ts) lists every grant, notified or not, so nothing depends on mail.
 */

export interface BreakGlassNotice {
  to: string[];
  subject: string;
  text: string;
}

/** The message for one grant, or null when the grant is unknown. Pure text: who, when, which case, why. */
export async function breakGlassNotice(db: Kysely<DB>, grantId: number, now: Date): Promise<BreakGlassNotice | null> {
  const g = await db
    .selectFrom('case_read_grant as g')
    .innerJoin('panel_case as c', 'c.id', 'g.case_id')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .innerJoin('panel as p', 'p.id', 'c.panel_id')
    .select([
      'g.reason',
      'g.granted_at',
      'g.expires_at',
      'c.reference',
      'c.panel_id',
      'p.name',
      'u.email',
      'u.agency_code',
    ])
    .where('g.id', '=', grantId)
    .executeTakeFirst();
  if (!g) return null;
  const day = now.toISOString().slice(0, 10);
  const chairs = await db
    .selectFrom('panel_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select('u.email')
    .where('m.panel_id', '=', g.panel_id)
    .where('m.role', '=', 'chair')
    .where('m.joined_on', '<=', day)
    .where((w) => w.or([w('m.left_on', 'is', null), w('m.left_on', '>', day)]))
    .where('u.disabled', '=', false)
    .orderBy('u.email')
    .execute();
  const at = (d: Date) => `${new Date(d).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return {
    to: chairs.map((c) => c.email),
    subject: `Safer: break glass on ${g.name} case ${g.reference}`,
    text: [
      `${g.email} (${g.agency_code}) broke glass to read ${g.name} case ${g.reference}, which they could not otherwise see.`,
      '',
      `When: ${at(g.granted_at)} (access until ${at(g.expires_at)})`,
      `Reason given: ${g.reason}`,
      '',
      `Every break-glass read of the panel's cases is listed at /panels/${g.panel_id}/break-glass.`,
    ].join('\n'),
  };
}

/**
 * E-mails each current chair of the case's panel, then records `chair_notified_at`. Nothing is sent (and false
 * returned) when e-mail is not configured or the panel has no chair; a mail failure is thrown for the caller to log.
 */
export async function notifyChairs(db: Kysely<DB>, mail: Config['mail'], grantId: number, now: Date): Promise<boolean> {
  if (mail === undefined) return false;
  const notice = await breakGlassNotice(db, grantId, now);
  if (!notice || notice.to.length === 0) return false;
  const transport = mailTransport(mail);
  try {
    await transport.sendMail({ to: notice.to, subject: notice.subject, text: notice.text });
  } finally {
    transport.close();
  }
  await db.updateTable('case_read_grant').set({ chair_notified_at: now }).where('id', '=', grantId).execute();
  return true;
}
