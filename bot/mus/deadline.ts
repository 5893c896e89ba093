/*
 * A step's deadline is a date (`YYYY-MM-DD`) and holds through that whole day in Denmark, where the
 * organisations using the app are: answering at 23:30 Danish time on the deadline is in time.
 */

const DANISH_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (`YYYY-MM-DD`) in Denmark at `now`. */
export function danishDate(now: Date): string {
  return DANISH_DATE.format(now);
}

/** True once the whole deadline day has passed in Danish time. */
export function isPastDeadline(deadline: string, now: Date): boolean {
  return danishDate(now) > deadline;
}
