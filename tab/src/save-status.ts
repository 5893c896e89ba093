import type { SaveState } from './autosave.js';
import { h, setText } from './dom.js';
import { formatClock, t } from './i18n.js';

/*
 * The one visible save status of a screen ("Gemmer …", "Gemt kl. 10.32", "Ikke gemt – prøv igen"),
 * read out politely by screen readers. Several savers (shared notes, private note) report here; the
 * most urgent state wins.
 */
export class SaveStatusView {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly retryButton: HTMLButtonElement;
  private readonly states = new Map<string, SaveState>();

  constructor(
    private readonly onRetry: () => void,
    private readonly describeField: (field: string) => string,
  ) {
    this.text = h('span', { role: 'status', 'aria-live': 'polite', className: 'save-text' });
    this.retryButton = h(
      'button',
      { type: 'button', className: 'link-button', hidden: true },
      t('retry'),
    );
    this.retryButton.addEventListener('click', () => this.onRetry());
    this.element = h('div', { className: 'save-status' }, this.text, ' ', this.retryButton);
  }

  update(source: string, state: SaveState): void {
    this.states.set(source, state);
    this.render();
  }

  private render(): void {
    const all = [...this.states.values()];
    const error = all.find((s) => s.kind === 'error');
    const conflicts = all.flatMap((s) => (s.kind === 'conflict' ? s.changed : []));
    const saving = all.some((s) => s.kind === 'saving');
    const saved = all
      .flatMap((s) => (s.kind === 'saved' ? [s.at] : []))
      .sort((a, b) => b.getTime() - a.getTime())[0];
    this.retryButton.hidden = !error;
    this.element.dataset.state = error
      ? 'error'
      : conflicts.length
        ? 'conflict'
        : saving
          ? 'saving'
          : saved
            ? 'saved'
            : 'idle';
    if (error) {
      setText(this.text, `${t('notSaved')}. ${error.kind === 'error' ? error.message : ''}`.trim());
    } else if (conflicts.length) {
      const fields = [...new Set(conflicts.map((f) => this.describeField(f)))].join(', ');
      setText(this.text, `${t('notSavedConflict')} ${t('conflictChanged', { fields })}`);
    } else if (saving) {
      setText(this.text, t('saving'));
    } else if (saved) {
      setText(this.text, t('savedAt', { time: formatClock(saved) }));
    } else {
      setText(this.text, '');
    }
  }
}
