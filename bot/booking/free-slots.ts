/*
 * Times both can meet, from Microsoft Graph's free/busy answer (calendar/getSchedule). Graph gives
 * each calendar as an "availability view": one digit per interval from the asked start, 0 = free,
 * 1 = tentative, 2 = busy, 3 = out of office, 4 = working elsewhere. A suggestion is a start on a
 * weekday, within working hours in Denmark, where every known calendar is free for the whole talk.
 */

export interface FreeSlotQuery {
  /** The first interval's start (UTC), as Graph was asked. */
  start: Date;
  intervalMinutes: number;
  /** One availability view per calendar Graph could read. */
  views: string[];
  /** The talk's length. */
  minutes: number;
  /** No suggestion starts before this. */
  notBefore: Date;
  /** At most this many suggestions. */
  limit: number;
  /** Working hours, Danish wall-clock time (default 8 to 16). */
  fromHour?: number;
  toHour?: number;
}

const ZONE = 'Europe/Copenhagen';
const clockParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Weekday (Mon = 1 … Sun = 7) and minutes past midnight in Denmark. */
function danishClock(at: Date): { weekday: number; minutes: number } {
  const parts = Object.fromEntries(clockParts.formatToParts(at).map((p) => [p.type, p.value]));
  const weekday =
    ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '') + 1;
  return { weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Whether the talk, starting at `at`, lies within one Danish working day. */
function withinWorkingHours(at: Date, minutes: number, fromHour: number, toHour: number): boolean {
  const { weekday, minutes: sinceMidnight } = danishClock(at);
  if (weekday < 1 || weekday > 5) return false;
  return sinceMidnight >= fromHour * 60 && sinceMidnight + minutes <= toHour * 60;
}

/** Suggested starts, earliest first, spread over different days where possible. */
export function freeSlots(query: FreeSlotQuery): Date[] {
  const { start, intervalMinutes, views, minutes } = query;
  const needed = Math.ceil(minutes / intervalMinutes);
  const length = Math.min(...views.map((v) => v.length));
  if (views.length === 0 || !Number.isFinite(length)) return [];
  const candidates: Date[] = [];
  for (let i = 0; i + needed <= length; i++) {
    const at = new Date(start.getTime() + i * intervalMinutes * 60_000);
    if (at < query.notBefore) continue;
    if (!withinWorkingHours(at, minutes, query.fromHour ?? 8, query.toHour ?? 16)) continue;
    if (views.every((view) => /^0+$/.test(view.slice(i, i + needed)))) candidates.push(at);
  }
  // One suggestion per day first (the first free time of each day), then the rest in order.
  const days = new Set<string>();
  const firstOfDay: Date[] = [];
  const others: Date[] = [];
  for (const at of candidates) {
    const day = at.toLocaleDateString('en-CA', { timeZone: ZONE });
    if (days.has(day)) others.push(at);
    else {
      days.add(day);
      firstOfDay.push(at);
    }
  }
  return [...firstOfDay, ...others].slice(0, query.limit).sort((a, b) => a.getTime() - b.getTime());
}
