/*
 * The planned MUS talk as an iCalendar file (RFC 5545), for leaders whose organisation has not yet
 * granted the app calendar access: they download it and open it in Outlook themselves. Times are in
 * UTC, lines end in CRLF and are folded at 75 octets (counted in UTF-8 bytes, never splitting a
 * character), and texts are escaped, so Danish letters and commas survive every client.
 */

export interface TalkEvent {
  /** Stable id so a second download updates the same event instead of adding another. */
  uid: string;
  start: Date;
  minutes: number;
  summary: string;
  description: string;
  organizer: { email: string; name: string };
  attendee: { email: string; name: string };
  /** When the file was made (DTSTAMP). */
  now: Date;
}

/** 2026-12-05T13:45:00.000Z → 20261205T134500Z */
export function icsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export function icsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** Folds one content line at 75 octets; continuation lines start with one space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets, continuations 74 plus their leading space.
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** A parameter value (CN) is quoted, and a quote in a name is dropped because it cannot be escaped. */
function cn(name: string): string {
  return `"${name.replace(/"/g, '')}"`;
}

/** The whole VCALENDAR with one VEVENT. */
export function talkIcs(event: TalkEvent): string {
  const end = new Date(event.start.getTime() + event.minutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//MUS for Teams//Booking//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${icsUtc(event.now)}`,
    `DTSTART:${icsUtc(event.start)}`,
    `DTEND:${icsUtc(end)}`,
    `SUMMARY:${icsText(event.summary)}`,
    `DESCRIPTION:${icsText(event.description)}`,
    `ORGANIZER;CN=${cn(event.organizer.name)}:mailto:${event.organizer.email}`,
    `ATTENDEE;CN=${cn(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${event.attendee.email}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
