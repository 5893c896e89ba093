import assert from 'node:assert/strict';
import { freeSlots } from '../../../bot/booking/free-slots.js';

// Monday 2 March 2026, 07:00 UTC = 08:00 in Copenhagen (winter time).
const MONDAY_8 = new Date('2026-03-02T07:00:00Z');
const QUARTERS_PER_DAY = 96;

/** A view of `days` days from MONDAY_8, free everywhere except where `busy` says. */
function view(days: number, busy: (quarter: number) => boolean = () => false): string {
  return Array.from({ length: days * QUARTERS_PER_DAY }, (_, q) => (busy(q) ? '2' : '0')).join('');
}

const iso = (dates: Date[]): string[] => dates.map((d) => d.toISOString());

describe('free times for the talk, from Graph’s free/busy views', () => {
  it('suggests the first free time of each working day, in Danish working hours', () => {
    const slots = freeSlots({
      start: MONDAY_8,
      intervalMinutes: 15,
      views: [view(7), view(7)],
      minutes: 45,
      notBefore: MONDAY_8,
      limit: 3,
    });
    assert.deepEqual(iso(slots), [
      '2026-03-02T07:00:00.000Z',
      '2026-03-03T07:00:00.000Z',
      '2026-03-04T07:00:00.000Z',
    ]);
  });

  it('skips a time when either calendar is busy for any part of the 45 minutes', () => {
    // The leader is busy 08:00–09:00 on Monday, the employee 09:00–09:30.
    const leader = view(1, (q) => q < 4);
    const employee = view(1, (q) => q >= 4 && q < 6);
    const [first] = freeSlots({
      start: MONDAY_8,
      intervalMinutes: 15,
      views: [leader, employee],
      minutes: 45,
      notBefore: MONDAY_8,
      limit: 1,
    });
    assert.equal(first?.toISOString(), '2026-03-02T08:30:00.000Z', '09:30 Danish time');
  });

  it('never suggests a weekend, a time before now, or a talk that ends after 16:00', () => {
    const slots = freeSlots({
      start: MONDAY_8,
      intervalMinutes: 15,
      views: [view(7)],
      minutes: 45,
      notBefore: new Date('2026-03-06T14:30:00Z'), // Friday 15:30 in Copenhagen
      limit: 5,
    });
    assert.deepEqual(iso(slots), [], 'Friday after 15:15 and the weekend have no room');
  });

  it('tentative, out-of-office and working-elsewhere count as not free', () => {
    const slots = freeSlots({
      start: MONDAY_8,
      intervalMinutes: 15,
      views: ['1'.repeat(32) + '3'.repeat(32) + '4'.repeat(32)],
      minutes: 45,
      notBefore: MONDAY_8,
      limit: 5,
    });
    assert.deepEqual(slots, []);
  });
});
