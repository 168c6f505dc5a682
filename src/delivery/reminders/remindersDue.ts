import type { PlanItemStatus } from '../../db/tables/delivery.ts';

/*
 * Which plan items need a reminder, to whom, and what the message says. Pure: items and the day in, messages out.
 * An item needs one when it is still open (not complete or dropped) and it is overdue, due within a week, or has had
 * no update for 90 days. Its owner is reached by e-mail: the owner named is an address, or a Safer user's name or
 * address. One message per person, listing every such item of theirs.
 */

export const DUE_SOON_DAYS = 7;
export const QUIET_DAYS = 90;

export interface ReminderItem {
  id: number;
  planId: number;
  planTitle: string;
  number: string | null;
  wording: string;
  ownerPerson: string | null;
  /** 'YYYY-MM-DD' */
  dueOn: string | null;
  status: PlanItemStatus | null;
  /** The day of the latest update, else the day the item was created: 'YYYY-MM-DD'. */
  lastActivityOn: string;
}

export interface Reminder {
  /** The recipient's address, lower case. */
  to: string;
  subject: string;
  /** Plain text. */
  body: string;
  itemIds: number[];
}

export interface ReminderOptions {
  /** Safer's address (SAFER_PUBLIC_URL), for links to each plan; none, no links. */
  baseUrl?: string;
  /** Signed-in users: an owner named by their name or address reaches their address. */
  users?: readonly { email: string; displayName: string }[];
}

const EMAIL = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Why the item needs attention on `today`, or null when it does not. */
export function reminderReason(item: ReminderItem, today: string): string | null {
  if (item.status === 'complete' || item.status === 'dropped') return null;
  if (item.dueOn !== null && item.dueOn < today) return `overdue: it was due on ${item.dueOn}`;
  if (item.dueOn !== null && item.dueOn <= addDays(today, DUE_SOON_DAYS)) return `due on ${item.dueOn}`;
  if (item.lastActivityOn <= addDays(today, -QUIET_DAYS)) return `no update since ${item.lastActivityOn}`;
  return null;
}

/** The address an owner is reached at, or null when the owner names no one Safer can e-mail. */
export function ownerAddress(owner: string | null, users: ReminderOptions['users'] = []): string | null {
  const named = owner?.trim().toLowerCase() ?? '';
  if (named === '') return null;
  if (EMAIL.test(named)) return named;
  const user = users.find((u) => u.displayName.trim().toLowerCase() === named);
  return user ? user.email.toLowerCase() : null;
}

export function remindersDue(items: readonly ReminderItem[], today: string, options: ReminderOptions = {}): Reminder[] {
  const byPerson = new Map<string, { item: ReminderItem; reason: string }[]>();
  for (const item of items) {
    const reason = reminderReason(item, today);
    const to = reason === null ? null : ownerAddress(item.ownerPerson, options.users);
    if (reason === null || to === null) continue;
    byPerson.set(to, [...(byPerson.get(to) ?? []), { item, reason }]);
  }
  return [...byPerson.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([to, due]) => ({
      to,
      subject: `Safer: ${due.length} plan ${due.length === 1 ? 'item needs' : 'items need'} your update`,
      body: messageBody(due, today, options.baseUrl),
      itemIds: due.map((d) => d.item.id),
    }));
}

function messageBody(
  due: { item: ReminderItem; reason: string }[],
  today: string,
  baseUrl: string | undefined,
): string {
  const lines = [`These plan items you lead need attention on ${today}:`, ''];
  for (const { item, reason } of due) {
    const first = item.wording.split('\n')[0] ?? '';
    const words = first.length > 160 ? `${first.slice(0, 157)}...` : first;
    lines.push(`- ${item.planTitle}, item ${item.number ?? '(unnumbered)'}: ${words} (${reason})`);
    if (baseUrl !== undefined) lines.push(`  ${baseUrl}/plans/${item.planId}`);
  }
  lines.push('', 'Please add an update or change the status in Safer.', '');
  return lines.join('\n');
}
