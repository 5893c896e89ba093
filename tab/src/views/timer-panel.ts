import { button, h, setText, uid } from '../dom.js';
import { t } from '../i18n.js';
import { formatDuration, type TalkTimer } from '../talk-timer.js';

/**
 * The visible 45-minute timer with start/pause and reset. role="timer" is not read out on every tick;
 * screen-reader users hear the time when they move to it.
 */
export function timerPanel(timer: TalkTimer): { element: HTMLElement; dispose(): void } {
  const labelId = uid('timer');
  const display = h('span', {
    className: 'timer-display',
    role: 'timer',
    'aria-labelledby': labelId,
  });
  const toggle = button('', () => {
    if (timer.running) timer.pause();
    else timer.start();
    render();
  });
  const resetButton = button(
    t('timerReset'),
    () => {
      timer.reset();
      render();
    },
    { className: 'secondary' },
  );

  const render = (): void => {
    const left = timer.remaining();
    setText(
      display,
      left >= 0
        ? t('timerLeft', { time: formatDuration(left) })
        : t('timerOver', { time: formatDuration(left) }),
    );
    display.classList.toggle('over', left < 0);
    setText(
      toggle,
      timer.running ? t('timerPause') : timer.started ? t('timerResume') : t('timerStart'),
    );
  };
  render();
  const interval = setInterval(() => {
    if (timer.running) render();
  }, 1000);

  const element = h(
    'div',
    { className: 'timer' },
    h('span', { id: labelId, className: 'timer-label' }, t('timerHeading')),
    display,
    toggle,
    resetButton,
  );
  return { element, dispose: () => clearInterval(interval) };
}
