import { Autosaver, type AutosaveTarget, type Conflict, type LocalCopyStore } from '../autosave.js';
import { replace } from '../dom.js';
import type { SaveStatusView } from '../save-status.js';
import { conflictPanel } from './conflict-panel.js';

/** One field on screen that an Autosaver keeps saved. */
export interface BoundField {
  /** The user's current value, as the saver's text. */
  read(): string;
  /** Shows a value (a stored one, or theirs after "use the saved one"). */
  write(value: string): void;
  /** Where a conflict for this field is shown. */
  slot: HTMLElement;
  /** The field's name for people, e.g. the section title. */
  label: string;
  /** How a value reads in the conflict panel (defaults to the text itself). */
  display?(value: string): string;
}

/**
 * Where the browser keeps a copy of text not yet stored: one entry per document on screen (the
 * route names it) and per kind of text. Without localStorage (a locked-down browser) no copy is
 * kept; saving to the server works the same.
 */
function localCopy(source: string): { store: LocalCopyStore; key: string } | undefined {
  try {
    if (typeof localStorage === 'undefined') return undefined;
    return { store: localStorage, key: `mus-unsaved:${source}:${location.hash}` };
  } catch {
    return undefined;
  }
}

/**
 * Ties an Autosaver to the fields on screen: edits and blurs go to the saver, its state to the
 * screen's save status, conflicts into each field's slot, and other people's saves into the fields
 * the user is not changing.
 */
export class FieldSaver<V> {
  readonly saver: Autosaver<V>;
  private readonly fields = new Map<string, BoundField>();
  /** Unsaved text this browser kept from an earlier visit, put back as fields are bound. */
  private restored: Record<string, string> | undefined;

  constructor(
    target: AutosaveTarget<V>,
    initial: V,
    status: SaveStatusView,
    source: string,
    hooks: { onSaved?(view: V): void; onRemote?(view: V): void } = {},
  ) {
    this.saver = new Autosaver(
      target,
      initial,
      {
        onState: (state) => status.update(source, state),
        onSaved: (view) => hooks.onSaved?.(view),
        onRemote: (view) => {
          for (const [name, field] of this.fields) {
            if (!this.saver.isPending(name)) field.write(this.saver.stored(name));
          }
          hooks.onRemote?.(view);
        },
        onConflicts: (conflicts) => this.showConflicts(conflicts),
      },
      undefined,
      localCopy(source),
    );
  }

  /** Label for a field name (for the save status's list of changed fields). */
  labelOf(name: string): string | undefined {
    return this.fields.get(name)?.label;
  }

  bind(name: string, field: BoundField): void {
    this.fields.set(name, field);
  }

  /** A textarea or input saved as typed, and at once when the user leaves it. */
  bindText(
    name: string,
    control: HTMLTextAreaElement | HTMLInputElement,
    slot: HTMLElement,
    label: string,
  ): void {
    this.bind(name, {
      read: () => control.value,
      write: (value) => {
        control.value = value;
      },
      slot,
      label,
    });
    control.addEventListener('input', () => this.saver.edit(name, control.value));
    control.addEventListener('blur', () => void this.saver.flush());
    this.restored ??= this.saver.restoreLocal();
    const kept = this.restored[name];
    if (kept !== undefined) control.value = kept;
    if (this.saver.hasConflicts()) this.showConflicts(this.saver.currentConflicts());
  }

  private showConflicts(conflicts: Conflict[]): void {
    const byField = new Map(conflicts.map((c) => [c.field, c]));
    for (const [name, field] of this.fields) {
      const conflict = byField.get(name);
      if (!conflict) {
        replace(field.slot);
        continue;
      }
      const show = (value: string): string => (field.display ? field.display(value) : value);
      replace(
        field.slot,
        conflictPanel({
          fieldLabel: field.label,
          theirs: show(conflict.theirs),
          mine: show(field.read()),
          onTakeTheirs: () => field.write(this.saver.takeTheirs(name)),
          onKeepMine: () => this.saver.keepMine(name, field.read()),
        }),
      );
    }
  }
}
