import { ConflictError, RuleError, ValidationError, type Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import { leaderCanEditNotes, type Skema } from '../mus/skema.js';
import { demandLeader, loadSkemaForParty, type SkemaRef } from '../skema/skema-access.js';
import type { SkemaServices } from '../skema/skema-services.js';
import { writeSkema } from '../skema/write-skema.js';
import { freeSlots } from './free-slots.js';
import type { CreatedEvent, FreeBusy, NewTalkEvent } from './graph-calendar.js';
import type { MeetingTabOutcome } from './meeting-tab.js';
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
  /** Puts the MUS app and this skema's tab in the meeting's chat. */
  addMeetingTab(event: CreatedEvent, skema: Skema): Promise<MeetingTabOutcome>;
}

export interface BookingResult {
  skema: Versioned<Skema>;
  event: CreatedEvent;
  employeeTold: boolean;
  /** Whether the meeting has the MUS tab; else the leader adds it (+ Apps in the meeting). */
  meetingTab: MeetingTabOutcome;
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
  const saved = await storeTalkTime(services, viewer, { loaded, etag: input.etag, next }, event);
  // The tab first: the employee's message then arrives when the meeting is ready.
  const meetingTab = await ports.addMeetingTab(event, saved.value);
  if (meetingTab === 'failed')
    services.log.warn({ eventId: event.id }, 'adding the MUS tab to the meeting failed');
  let employeeTold = false;
  try {
    employeeTold = await ports.notifyEmployee(saved.value, bookedMessage(viewer, start, minutes));
  } catch (error) {
    // The talk is booked and the invitation sent by Outlook; a missed chat message is only logged.
    services.log.warn({ err: error }, 'telling the employee about the booked talk failed');
  }
  return { skema: saved, event, employeeTold, meetingTab };
}

/**
 * Stores the booked time once the event exists. Someone may have saved the skema while Graph made the
 * event (the leader's notes in another window): the time is then put on the newest version instead,
 * once, because a booking changes only `talkAt` and overwrites nobody's words. Only when the talk was
 * finalised meanwhile, or the second write loses too, is the booking refused, and the event named in
 * the log, since it is in the leader's calendar without a time on the skema.
 */
async function storeTalkTime(
  services: SkemaServices,
  viewer: Person,
  args: { loaded: Versioned<Skema>; etag: string; next: Skema },
  event: CreatedEvent,
): Promise<Versioned<Skema>> {
  try {
    return await writeSkema(services, viewer, { ...args, attempt: args.next });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const { orgId, roundId, employeeEmail } = args.next;
    const current = await services.repositories.skemas.get(orgId, roundId, employeeEmail);
    if (!current || !leaderCanEditNotes(current.value)) {
      services.log.warn(
        { eventId: event.id },
        'the talk was booked in the calendar but the skema changed so it cannot hold the time',
      );
      throw error;
    }
    const next: Skema = {
      ...current.value,
      talkAt: args.next.talkAt,
      updatedAt: services.now().toISOString(),
      updatedBy: viewer.email,
    };
    return writeSkema(services, viewer, { loaded: current, etag: current.etag, next });
  }
}

/** How far ahead times are suggested, and how many. */
const SUGGEST_DAYS = 14;
const SUGGESTIONS = 5;

export interface TalkTimeSuggestions {
  /** Starts (ISO, UTC) when both are free, earliest first. */
  startsAt: string[];
  minutes: number;
  /** False when Graph could not read the employee's calendar: the times suit the leader only. */
  employeeCalendarKnown: boolean;
}

/**
 * Times in the next two weeks when the leader and the employee are both free for the talk, within
 * Danish working hours (Graph's free/busy on the leader's behalf). Only the employee's own leader asks.
 */
export async function suggestTalkTimes(
  services: SkemaServices,
  readFreeBusy: (query: { addresses: string[]; start: Date; days: number }) => Promise<FreeBusy>,
  viewer: Person,
  ref: SkemaRef,
): Promise<TalkTimeSuggestions> {
  const { loaded } = await loadForBooking(services, viewer, ref);
  const now = services.now();
  // Graph's intervals start on a quarter of an hour, so suggestions do too.
  const start = new Date(Math.ceil(now.getTime() / 900_000) * 900_000);
  const employee = loaded.value.employeeEmail.toLowerCase();
  const answer = await readFreeBusy({
    addresses: [viewer.email, loaded.value.employeeEmail],
    start,
    days: SUGGEST_DAYS,
  });
  const views = [...answer.views.values()];
  const slots = freeSlots({
    start: answer.start,
    intervalMinutes: answer.intervalMinutes,
    views,
    minutes: DEFAULT_TALK_MINUTES,
    notBefore: new Date(now.getTime() + 3_600_000),
    limit: SUGGESTIONS,
  });
  return {
    startsAt: slots.map((at) => at.toISOString()),
    minutes: DEFAULT_TALK_MINUTES,
    employeeCalendarKnown: answer.views.has(employee),
  };
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
