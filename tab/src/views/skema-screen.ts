import type { SkemaView } from '../api-types.js';
import type { AppEnv, Dispose } from '../app-env.js';
import { rememberMeetingEmployee } from '../meeting-target.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { renderEmployeeSkema } from './employee-skema-view.js';
import { renderLeaderSkema } from './leader-skema-view.js';
import { backLink } from './skema-parts.js';

/**
 * Loads one skema and shows it as its viewer's screen (leader or employee). A screen can replace
 * itself with a newer version (after start, finalise, acknowledge).
 */
export async function renderSkemaScreen(
  root: HTMLElement,
  env: AppEnv,
  roundId: string,
  email: string,
): Promise<Dispose> {
  const view = await env.api.skema(roundId, email);
  const meetingId = env.session?.meetingId;
  if (meetingId && view.viewerRole === 'leader')
    rememberMeetingEmployee(meetingId, view.employee.email);

  let dispose: Dispose = () => undefined;
  const show = (next: SkemaView): void => {
    void Promise.resolve(dispose()).catch(() => undefined);
    const body = h('div', {
      className: 'skema',
      'data-viewer': next.viewerRole,
      'data-status': next.status,
    });
    root.replaceChildren(
      backLink(env, next.roundId, !!meetingId && next.viewerRole === 'leader'),
      body,
    );
    dispose =
      next.viewerRole === 'leader'
        ? renderLeaderSkema(body, env, next, show)
        : renderEmployeeSkema(body, env, next, show);
    env.announce(`${next.viewerRole === 'leader' ? next.employee.name : t('mySkemaHeading')}`);
  };
  show(view);
  return () => dispose();
}
