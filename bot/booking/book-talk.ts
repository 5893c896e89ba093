import { RuleError, ValidationError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import { leaderCanEditNotes, type Skema } from '../mus/skema.js';
import { demandLeader, loadSkemaForParty, type SkemaRef } from '../skema/skema-access.js';
import type { SkemaServices } from '../skema/skema-services.js';
import { writeSkema } from '../skema/write-skema.js';
import type { CreatedEvent, NewTalkEvent } from './graph-calendar.js';
import { talkIcs } from './talk-ics.js';
import { BOOKING_TEXTS } from '../../texts/booking.js';

/*
 * "Book the talk": the leader picks a time, the talk lands in the leader's Outlook calendar as a
 * Teams meeting with the employee invited, the planned time is stored on the skema (talkAt), and
 * the employee hears about it in their chat with the bot. The calendar event is made before the
 * skema is written, and only after the ETag was checked, so a stale tab books nothing.
 */

export const DEFAULT_TALK_MINUTES = 45;

export interface BookTalkInput {
  /** ISO date-time with offset; must be in the future. */
  startsAt: string;
  minutes?: number;
  etag: string;
}

export interface BookingPorts {
  /** Creates the calendar event on the leader's behalf (Graph); throws GraphConsentError without consent. */
  createEvent(event: NewTalkEvent): Promise<CreatedEvent>;
  /** Tells the employee in their 1:1 chat; false when the bot has no chat with them yet. */
  notifyEmployee(skema: Skema, text: string): Promise<boolean>;
}

export interface BookingResult {
  skema: Versioned<Skema>;
  event: CreatedEvent;
  employeeTold: boolean;
}

const FINALISED = BOOKING_TEXTS.bookTalk.finalised;

/** Copenhagen wall-clock time for the texts people read. */
function danishTime(date: Date, locale: 'da-DK' | 'en-GB'): string {
  return date.toLocaleString(locale, {
    timeZone: 'Europe/Copenhagen',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Input rules: a real time in the future, 15 to 180 minutes. */
export function checkBookingTime(
  input: BookTalkInput,
  now: Date,
): { start: Date; minutes: number } {
  const start = new Date(input.startsAt);
  const minutes = input.minutes ?? DEFAULT_TALK_MINUTES;
  if (Number.isNaN(start.getTime()) || start.getTime() <= now.getTime()) {
    throw new ValidationError([
      {
        where: 'startsAt',
        message: BOOKING_TEXTS.bookTalk.chooseTimeFutureTalk,
      },
    ]);
  }
  if (!Number.isInteger(minutes) || minutes < 15 || minutes > 180) {
    throw new ValidationError([
      {
        where: 'minutes',
        message: BOOKING_TEXTS.bookTalk.talkMustLastBetween,
      },
    ]);
  }
  return { start, minutes };
}

function eventTexts(leader: Person, employee: { name: string }): { subject: string; body: string } {
  return {
    subject: `MUS-samtale: ${employee.name} og ${leader.name} / MUS talk`,
    body:
      'Vores MUS-samtale. Åbn fanen MUS i mødet, så har vi skemaet foran os. ' +
      'Our MUS talk. Open the MUS tab in the meeting to have the form in front of us.',
  };
}

/** The employee's chat message, Danish first. */
export function bookedMessage(leader: Person, start: Date, minutes: number): string {
  return (
    `${leader.name} har booket jeres MUS-samtale ${danishTime(start, 'da-DK')} (${minutes} min.). ` +
    'Invitationen ligger i din kalender; forbered dig gerne i MUS-skemaet her i chatten.\n\n' +
    `${leader.name} has booked your MUS talk on ${danishTime(start, 'en-GB')} (${minutes} min). ` +
    'The invitation is in your calendar; feel free to prepare in the MUS form here in the chat.'
  );
}

async function loadForBooking(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
): Promise<{ loaded: Versioned<Skema>; employeeName: string }> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  demandLeader(viewer, loaded.value);
  if (!leaderCanEditNotes(loaded.value)) throw new RuleError(FINALISED);
  const person = await services.repositories.people.get(viewer.orgId, loaded.value.employeeEmail);
  return { loaded, employeeName: person?.value.name || loaded.value.employeeEmail };
}

/** Books the talk: event first (after the ETag check), then talkAt, then the employee's message. */
export async function bookTalk(
  services: SkemaServices,
  ports: BookingPorts,
  viewer: Person,
  ref: SkemaRef,
  input: BookTalkInput,
): Promise<BookingResult> {
  const { start, minutes } = checkBookingTime(input, services.now());
  const { loaded, employeeName } = await loadForBooking(services, viewer, ref);
  const next: Skema = {
    ...loaded.value,
    talkAt: start.toISOString(),
    updatedAt: services.now().toISOString(),
    updatedBy: viewer.email,
  };
  if (input.etag !== loaded.etag) {
    // writeSkema answers a stale ETag with the 412 and the current version, before Graph is asked.
    await writeSkema(services, viewer, { loaded, etag: input.etag, next, attempt: next });
  }
  const texts = eventTexts(viewer, { name: employeeName });
  const event = await ports.createEvent({
    subject: texts.subject,
    bodyHtml: `<p>${texts.body}</p>`,
    start,
    minutes,
    attendee: { email: loaded.value.employeeEmail, name: employeeName },
  });
  const saved = await writeSkema(services, viewer, {
    loaded,
    etag: input.etag,
    next,
    attempt: next,
  });
  let employeeTold = false;
  try {
    employeeTold = await ports.notifyEmployee(saved.value, bookedMessage(viewer, start, minutes));
  } catch (error) {
    // The talk is booked and the invitation sent by Outlook; a missed chat message is only logged.
    services.log.warn({ err: error }, 'telling the employee about the booked talk failed');
  }
  return { skema: saved, event, employeeTold };
}

/** The .ics for leaders without calendar consent; the same checks as booking, nothing stored. */
export async function talkIcsFile(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  input: { startsAt: string; minutes?: number },
): Promise<string> {
  const { start, minutes } = checkBookingTime({ ...input, etag: '' }, services.now());
  const { loaded, employeeName } = await loadForBooking(services, viewer, ref);
  const texts = eventTexts(viewer, { name: employeeName });
  return talkIcs({
    uid: `mus-${loaded.value.roundId}-${loaded.value.employeeEmail}@mus-for-teams`,
    start,
    minutes,
    summary: texts.subject,
    description: texts.body,
    organizer: { email: viewer.email, name: viewer.name },
    attendee: { email: loaded.value.employeeEmail, name: employeeName },
    now: services.now(),
  });
}
