import { button, h, replace, setText, uid } from '../dom.js';
import { t } from '../i18n.js';
import {
  CLOCK_POLL_MS,
  dueNotice,
  formatDuration,
  type SharedTalkClock,
} from '../talk-clock-client.js';

/**
 * The talk's 45-minute clock on one line: time left, pause/resume, reset (which asks first), and a
 * calm notice at 10 and 5 minutes left. role="timer" is not read out on every tick; the notices are
 * a polite status, so screen-reader users hear them once.
 */
export function timerPanel(
  clock: SharedTalkClock,
  onError: (error: unknown) => void,
): { element: HTMLElement; dispose(): void } {
  const labelId = uid('timer');
  const display = h('span', {
    className: 'timer-display',
    role: 'timer',
    'aria-labelledby': labelId,
  });
  const notice = h('p', { className: 'timer-notice', role: 'status' });
  const shown = new Set<number>();
  const act = (action: 'pause' | 'resume' | 'reset'): void => {
    void clock.act(action).catch(onError);
  };
  const toggle = button('', () => act(clock.running ? 'pause' : 'resume'), {
    className: 'small',
  });
  const confirmSlot = h('span', { className: 'timer-confirm' });
  const resetButton = button(t('timerReset'), () => askReset(), { className: 'secondary small' });

  const askReset = (): void => {
    const yes = button(
      t('timerResetConfirm'),
      () => {
        replace(confirmSlot);
        resetButton.hidden = false;
        shown.clear();
        act('reset');
        resetButton.focus();
      },
      { className: 'small' },
    );
    const no = button(
      t('cancel'),
      () => {
        replace(confirmSlot);
        resetButton.hidden = false;
        resetButton.focus();
      },
      { className: 'secondary small' },
    );
    resetButton.hidden = true;
    replace(confirmSlot, h('span', {}, t('timerResetQuestion')), ' ', yes, ' ', no);
    yes.focus();
  };

  const render = (): void => {
    const left = clock.remaining();
    setText(
      display,
      left >= 0
        ? t('timerLeft', { time: formatDuration(left) })
        : t('timerOver', { time: formatDuration(left) }),
    );
    display.classList.toggle('over', left < 0);
    setText(toggle, clock.running ? t('timerPause') : t('timerResume'));
    const due = dueNotice(left, shown);
    if (due !== undefined) {
      shown.add(due);
      setText(notice, due === 10 ? t('timerNotice10') : t('timerNotice5'));
    }
  };
  render();
  const stopListening = clock.onChange(render);
  const tick = setInterval(() => {
    if (clock.running) render();
  }, 1000);
  // Only a window someone looks at asks; a hidden one catches up when it is shown again.
  const poll = setInterval(() => {
    if (document.visibilityState === 'visible') void clock.refresh();
  }, CLOCK_POLL_MS);
  const onShown = (): void => {
    if (document.visibilityState === 'visible') void clock.refresh();
  };
  document.addEventListener('visibilitychange', onShown);

  const element = h(
    'div',
    { className: 'timer' },
    h('span', { id: labelId, className: 'visually-hidden' }, t('timerHeading')),
    display,
    toggle,
    resetButton,
    confirmSlot,
    notice,
  );
  return {
    element,
    dispose: () => {
      clearInterval(tick);
      clearInterval(poll);
      document.removeEventListener('visibilitychange', onShown);
      stopListening();
    },
  };
}
