import { describe, expect, it } from 'vitest';
import { foldLine, icsText, meetingIcs } from './meetingIcs.ts';

/* The invitation's exact text, written out by hand, and the folding rules checked by unfolding. */

const base = {
  id: 12,
  boardName: 'CSP Board (SYNTHETIC)',
  startsAt: new Date('2025-07-01T17:00:00Z'),
  endsAt: new Date('2025-07-01T19:00:00Z'),
  location: 'Town Hall, Room 1; Mulberry Place',
  cancelled: false,
  sequence: 2,
  agenda: ['Performance exceptions', 'Plan items at risk'],
  organizer: { name: 'Partnership manager (council)', email: 'manager@council.demo' },
  attendees: [{ name: 'Board member, probation', email: 'viewer@probation.demo' }],
  stampedAt: new Date('2025-06-01T09:30:00Z'),
};

describe('meeting .ics', () => {
  it('writes the invitation exactly, CRLF, escaped, folded at 75 octets', () => {
    const expected = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Safer//Governance//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'UID:meeting-12@safer',
      'SEQUENCE:2',
      'DTSTAMP:20250601T093000Z',
      'DTSTART:20250701T170000Z',
      'DTEND:20250701T190000Z',
      'SUMMARY:CSP Board (SYNTHETIC)',
      'LOCATION:Town Hall\\, Room 1\\; Mulberry Place',
      'DESCRIPTION:Agenda:\\n1. Performance exceptions\\n2. Plan items at risk',
      'ORGANIZER;CN="Partnership manager (council)":mailto:manager@council.demo',
      // 107 octets: 75 on the first line, the rest after CRLF and a space.
      'ATTENDEE;CN="Board member, probation";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-A',
      ' CTION;RSVP=TRUE:mailto:viewer@probation.demo',
      'STATUS:CONFIRMED',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    expect(meetingIcs(base)).toBe(expected);
  });

  it('a cancelled meeting says so (iTIP CANCEL, STATUS:CANCELLED) and keeps its UID', () => {
    const text = meetingIcs({ ...base, cancelled: true, sequence: 3, agenda: [], location: '' });
    expect(text).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(text).toContain('\r\nUID:meeting-12@safer\r\nSEQUENCE:3\r\n');
    expect(text).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(text).not.toContain('LOCATION');
    expect(text).not.toContain('DESCRIPTION');
  });

  it('every physical line is at most 75 octets, never splits a character, and unfolds to the original', () => {
    const long = `DESCRIPTION:${icsText(`Agenda:\n${'Sûreté and “partnership”, '.repeat(12)}`)}`;
    const folded = foldLine(long);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    for (const line of lines.slice(1)) expect(line.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(folded).not.toContain('\uFFFD');
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });

  it('escapes backslash, semicolon, comma and newlines in text', () => {
    expect(icsText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});
