import type { TeamMember } from './api-types.js';

/*
 * Which employee a leader's MUS meeting is about. Teams does not tell a tab who else is in a meeting
 * (teams-js has no participant list, and Graph's chat members need an RSC permission and a server
 * call), so the tab works it out from what it has, in this order:
 *   1. the employee the leader chose the last time this meeting was open (remembered per meeting id);
 *   2. the one employee whose planned talk time is within 90 minutes of now;
 *   3. otherwise the leader picks from their list — and can always switch to another employee.
 */

const WINDOW_MS = 90 * 60_000;

export function meetingKey(meetingId: string): string {
  return `mus:meeting:${meetingId}`;
}

/** The employee to open for a meeting, or undefined when the leader has to choose. */
export function meetingEmployee(
  members: readonly TeamMember[],
  remembered: string | null,
  now: Date,
): string | undefined {
  const withSkema = members.filter((m) => m.status !== 'not-sent');
  if (remembered && withSkema.some((m) => m.email === remembered)) return remembered;
  const near = withSkema.filter((m) => {
    if (!m.talkAt) return false;
    const at = new Date(m.talkAt).getTime();
    return Math.abs(at - now.getTime()) <= WINDOW_MS;
  });
  return near.length === 1 ? near[0]?.email : undefined;
}

export function rememberMeetingEmployee(meetingId: string, email: string): void {
  try {
    localStorage.setItem(meetingKey(meetingId), email);
  } catch {
    // Blocked storage only means the leader picks again next time.
  }
}

export function rememberedMeetingEmployee(meetingId: string): string | null {
  try {
    return localStorage.getItem(meetingKey(meetingId));
  } catch {
    return null;
  }
}
