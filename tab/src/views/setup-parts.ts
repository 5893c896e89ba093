import { ApiError } from '../api-client.js';
import { button, h, replace, uid } from '../dom.js';
import { formatClock, t } from '../i18n.js';
import { conflictPanel } from './conflict-panel.js';
import { ts } from '../setup-texts.js';

/*
 * What every form of HR's setup screen shares: a labelled text field, a save button with its status
 * line and error line, and the panel shown when someone else saved first (412) — where what HR typed
 * stays in the form until HR chooses.
 */

export function textField(options: {
  label: string;
  value: string;
  multiline?: boolean;
  rows?: number;
  maxlength: number;
  type?: 'text' | 'email' | 'tel';
  describedBy?: string;
  onInput: (value: string) => void;
  attrs?: Record<string, string>;
}): HTMLElement {
  const id = uid('setup-field');
  const field = options.multiline
    ? h('textarea', { id, rows: options.rows ?? 3, maxlength: options.maxlength })
    : h('input', { id, type: options.type ?? 'text', maxlength: options.maxlength });
  if (options.describedBy) field.setAttribute('aria-describedby', options.describedBy);
  for (const [name, value] of Object.entries(options.attrs ?? {})) field.setAttribute(name, value);
  field.value = options.value;
  field.addEventListener('input', () => options.onInput(field.value));
  return h('div', { className: 'field' }, h('label', { for: id }, options.label), field);
}

/** A form's save button, status ("Gemt kl. …"), error (with the server's reason) and conflict slot. */
export class SaveControls {
  readonly status = h('p', { className: 'save-status', role: 'status' });
  readonly error = h('p', { className: 'field-error', role: 'alert' });
  readonly conflictSlot = h('div', { className: 'conflict-slot' });
  readonly button: HTMLButtonElement;

  constructor(
    label: string,
    private readonly save: () => Promise<void>,
    attrs: Record<string, string> = {},
  ) {
    this.button = button(label, () => this.run(), { className: 'primary', ...attrs });
  }

  element(): HTMLElement {
    return h(
      'div',
      { className: 'setup-save' },
      this.conflictSlot,
      this.error,
      h('div', { className: 'actions' }, this.button, this.status),
    );
  }

  async run(): Promise<void> {
    this.button.disabled = true;
    this.error.textContent = '';
    this.status.textContent = ts('setupSaving');
    try {
      await this.save();
    } catch (error) {
      this.status.textContent = '';
      this.error.textContent = error instanceof ApiError ? error.message : t('unexpected');
    } finally {
      this.button.disabled = false;
    }
  }

  /** HR changed something since the last save: said once, until the next save. */
  unsaved(): void {
    const text = ts('setupUnsaved');
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  /** Every edit inside `card` marks the form unsaved; returns the card. */
  watch(card: HTMLElement): HTMLElement {
    card.addEventListener('input', (event) => {
      if (!(event.target instanceof HTMLSelectElement)) this.unsaved();
    });
    return card;
  }

  /** The server refused the input: its reason, said where in the form it is. */
  refused(text: string): void {
    this.status.textContent = '';
    this.error.textContent = text;
  }

  saved(): void {
    replace(this.conflictSlot);
    this.error.textContent = '';
    this.status.textContent = ts('setupSavedAt', { time: formatClock(new Date()) });
  }

  /** Someone else saved first: their version beside HR's own, which stays in the form. */
  conflict(options: {
    label: string;
    theirs: string;
    mine: string;
    onTakeTheirs: () => void;
    onKeepMine: () => Promise<void>;
  }): void {
    this.status.textContent = '';
    this.error.textContent = ts('setupConflict');
    replace(
      this.conflictSlot,
      conflictPanel({
        fieldLabel: options.label,
        theirs: options.theirs,
        mine: options.mine,
        onTakeTheirs: () => {
          replace(this.conflictSlot);
          this.error.textContent = '';
          options.onTakeTheirs();
        },
        onKeepMine: () => {
          replace(this.conflictSlot);
          this.error.textContent = '';
          return options.onKeepMine();
        },
      }),
    );
  }
}

/** A card of the setup screen: a heading and its content. */
export function setupCard(
  heading: string,
  view: string,
  ...children: (Node | false | undefined)[]
): HTMLElement {
  const headingId = uid('setup');
  return h(
    'section',
    { className: 'card setup-card', 'aria-labelledby': headingId, 'data-view': view },
    h('h2', { id: headingId }, heading),
    ...children,
  );
}
