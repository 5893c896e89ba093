import assert from 'node:assert/strict';
import { foldLine, icsText, icsUtc, talkIcs } from '../../../bot/booking/talk-ics.js';

describe('the talk as an iCalendar file', () => {
  it('folds long lines at 75 octets without splitting a Danish letter, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'Åbn fanen MUS i mødet, så har vi skemaet foran os. '.repeat(4)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    assert.ok(parts.length > 2);
    for (const part of parts) assert.ok(Buffer.byteLength(part) <= 75, part);
    assert.ok(parts.slice(1).every((p) => p.startsWith(' ')));
    assert.equal(folded.replace(/\r\n /g, ''), line);
  });

  it('escapes commas, semicolons, backslashes and newlines in texts', () => {
    assert.equal(icsText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
  });

  it('writes times in UTC and ends the event 45 minutes after it starts', () => {
    const ics = talkIcs({
      uid: 'u1',
      start: new Date('2027-01-05T09:00:00+01:00'),
      minutes: 45,
      summary: 'MUS-samtale',
      description: 'Åbn fanen MUS',
      organizer: { email: 'leder@x.example', name: 'Søren "Leder"' },
      attendee: { email: 'ansat@x.example', name: 'Pernille' },
      now: new Date('2026-12-05T13:00:00Z'),
    });
    assert.equal(icsUtc(new Date('2027-01-05T08:00:00Z')), '20270105T080000Z');
    assert.match(ics, /\r\nDTSTART:20270105T080000Z\r\n/);
    assert.match(ics, /\r\nDTEND:20270105T084500Z\r\n/);
    assert.match(ics, /ORGANIZER;CN="Søren Leder":mailto:leder@x\.example/);
  });
});
