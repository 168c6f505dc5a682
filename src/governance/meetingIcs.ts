/*
 * A meeting as an iCalendar invitation (RFC 5545, iTIP METHOD:REQUEST). Pure: the route gathers the meeting and
 * hands it here. Lines end CRLF and are folded at 75 octets without splitting a UTF-8 character; text values
 * escape backslash, comma, semicolon and newline. The UID is stable per meeting and SEQUENCE rises with each
 * change of time or place, so a calendar replaces the earlier invitation instead of adding a second one.
 */

export interface IcsMeeting {
  id: number;
  boardName: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  cancelled: boolean;
  sequence: number;
  /** Agenda item titles, in order; empty when the reader may not see them. */
  agenda: readonly string[];
  organizer: { name: string; email: string } | null;
  attendees: readonly { name: string; email: string }[];
  /** When the file is made (DTSTAMP). */
  stampedAt: Date;
}

/** 20250114T180000Z */
export const icsUtc = (d: Date): string => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** TEXT values: backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11). */
export const icsText = (s: string): string =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A parameter value (a CN): quoted, since names hold commas; quotes themselves cannot be escaped, so dropped. */
const icsParam = (s: string): string => `"${s.replace(/"/g, '').replace(/[\r\n]/g, ' ')}"`;

/** Folds one content line into lines of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // a continuation line's leading space is one of its 75
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function meetingIcs(m: IcsMeeting): string {
  const description =
    m.agenda.length === 0 ? '' : `Agenda:\n${m.agenda.map((title, i) => `${i + 1}. ${title}`).join('\n')}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Safer//Governance//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${m.cancelled ? 'CANCEL' : 'REQUEST'}`,
    'BEGIN:VEVENT',
    `UID:meeting-${m.id}@safer`,
    `SEQUENCE:${m.sequence}`,
    `DTSTAMP:${icsUtc(m.stampedAt)}`,
    `DTSTART:${icsUtc(m.startsAt)}`,
    `DTEND:${icsUtc(m.endsAt)}`,
    `SUMMARY:${icsText(m.boardName)}`,
    ...(m.location ? [`LOCATION:${icsText(m.location)}`] : []),
    ...(description ? [`DESCRIPTION:${icsText(description)}`] : []),
    ...(m.organizer ? [`ORGANIZER;CN=${icsParam(m.organizer.name)}:mailto:${m.organizer.email}`] : []),
    ...m.attendees.map(
      (a) => `ATTENDEE;CN=${icsParam(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${a.email}`,
    ),
    `STATUS:${m.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
