/*
 * Meetings are arranged in UK local time and stored as instants. These convert a date and a clock time typed in
 * a form (Europe/London, so BST in summer) to an instant, and back for display.
 */

const ZONE = 'Europe/London';

const parts = (d: Date) => {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
};

export const isIsoDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
export const isClockTime = (s: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

/** The instant a London wall-clock time names ('2025-07-01', '18:00' → 17:00Z). */
export function londonToInstant(date: string, time: string): Date {
  const asUtc = new Date(`${date}T${time}:00Z`);
  // The zone's offset at that moment: London is UTC or UTC+1, so one correction settles it.
  const shown = parts(asUtc);
  const offsetMs = new Date(`${shown.date}T${shown.time}:00Z`).getTime() - asUtc.getTime();
  return new Date(asUtc.getTime() - offsetMs);
}

/** The London date of an instant, 'YYYY-MM-DD'. */
export const londonDate = (d: Date): string => parts(d).date;
/** The London clock time of an instant, 'HH:MM'. */
export const londonClock = (d: Date): string => parts(d).time;

/** "Tuesday 14 January 2025, 18:00 to 20:00" */
export function describeMeetingTime(startsAt: Date, endsAt: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    })
      .formatToParts(startsAt)
      .map((x) => [x.type, x.value]),
  );
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${londonClock(startsAt)} to ${londonClock(endsAt)}`;
}

/** "14 January 2025" */
export const describeDate = (isoDate: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
