import { ApiError, userMessage } from './api-client.js';

/*
 * Autosave with ETags for texts two people may edit (the leader's notes in the tab and in another
 * window; the employee's answers in the tab and in the chat card). Edits are saved ~1.5 s after the
 * last keystroke, or at once on blur. A save based on a stale version is refused by the server (412);
 * then every field this user was changing is compared with the version the user started from:
 *   - unchanged by the other person → this user's text is saved again on top of the new version;
 *   - changed by the other person  → a conflict: both texts are kept (theirs from the server, this
 *     user's in the field) until the user chooses. Nothing is ever overwritten silently.
 * No DOM here, so the logic can be tested on its own.
 */

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; changed: string[] };

export interface Conflict {
  field: string;
  /** The text stored now, written by someone else. */
  theirs: string;
  /** This user's text, still in the field. */
  mine: string;
}

/** The short answer to a save (`Prefer: return=minimal`): the stored version, not the document. */
export interface SavedVersion {
  etag: string;
}

/** How one document (a skema's notes, a private note …) is saved and read back. */
export interface AutosaveTarget<V> {
  /**
   * Saves the changed fields on top of version `etag`; resolves with the new stored view, or only
   * with the new version when the server answered briefly (what was sent is then what is stored).
   */
  send(changes: Record<string, string>, etag: string | null): Promise<V | SavedVersion>;
  /** The document's fields as text, for comparing versions. */
  fieldsOf(view: V): Record<string, string>;
  etagOf(view: V): string | null;
  /** Tells a whole view from a short answer; without it every answer is a view. */
  isView?(answer: V | SavedVersion): answer is V;
}

export interface AutosaveHooks<V> {
  onState?(state: SaveState): void;
  /** A save went through and answered with the whole view: `view` is what is stored now. */
  onSaved?(view: V): void;
  /** Someone else saved in between: `view` is their version (fields not being edited may refresh). */
  onRemote?(view: V): void;
  /** Fields that now need the user's choice. */
  onConflicts?(conflicts: Conflict[]): void;
}

/** More stale answers than this in a row means something else is wrong: stop and say so. */
const MAX_CONFLICT_ROUNDS = 5;

/** The savers of the screen now open; the page's leave handler saves them all at once. */
const live = new Set<Autosaver<unknown>>();

/**
 * The page is being hidden or closed (the meeting's side panel closes, the user switches away):
 * every unsaved text is sent now, without waiting for the debounce. The requests go out as
 * keepalive requests (api-client.ts), which the browser finishes after the page is gone.
 */
export function saveEverythingNow(): void {
  for (const saver of live) void saver.flush();
}

/** Where a saver keeps its copy of unsaved text, so a closed panel loses nothing. */
export interface LocalCopyStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A field's text not yet stored, and the stored text it was typed on top of. */
interface LocalEdit {
  mine: string;
  base: string;
}

export class Autosaver<V> {
  private base: Record<string, string>;
  private etag: string | null;
  private readonly dirty = new Map<string, string>();
  private readonly conflicts = new Map<string, Conflict>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private state: SaveState = { kind: 'idle' };

  constructor(
    private readonly target: AutosaveTarget<V>,
    initial: V,
    private readonly hooks: AutosaveHooks<V> = {},
    private readonly delayMs = 1500,
    /** Keeps unsaved text in the browser under `key` until it is stored. */
    private readonly local?: { store: LocalCopyStore; key: string },
  ) {
    this.base = target.fieldsOf(initial);
    this.etag = target.etagOf(initial);
    live.add(this);
  }

  /**
   * Text this browser had typed here and not stored (the panel was closed, the connection lost):
   * put back as an edit when the stored text is still what it was typed on top of, else offered as
   * a conflict beside the stored one. Returns the fields and values to show.
   */
  restoreLocal(): Record<string, string> {
    const saved = this.readLocal();
    const restored: Record<string, string> = {};
    for (const [field, edit] of Object.entries(saved)) {
      if (edit.mine === this.stored(field)) continue;
      restored[field] = edit.mine;
      if (edit.base === this.stored(field)) {
        this.dirty.set(field, edit.mine);
      } else {
        this.conflicts.set(field, { field, theirs: this.stored(field), mine: edit.mine });
      }
    }
    if (this.conflicts.size > 0) {
      this.setState({ kind: 'conflict', changed: [...this.conflicts.keys()] });
      this.hooks.onConflicts?.([...this.conflicts.values()]);
    }
    if (this.dirty.size > 0) void this.start();
    return restored;
  }

  private readLocal(): Record<string, LocalEdit> {
    if (!this.local) return {};
    try {
      const raw = this.local.store.getItem(this.local.key);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      return typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<string, LocalEdit>)
        : {};
    } catch {
      return {};
    }
  }

  /** Writes the unsaved text (or removes the copy once everything is stored). */
  private writeLocal(): void {
    if (!this.local) return;
    const edits: Record<string, LocalEdit> = {};
    for (const [field, mine] of this.dirty) edits[field] = { mine, base: this.stored(field) };
    for (const [field, c] of this.conflicts) edits[field] = { mine: c.mine, base: c.theirs };
    try {
      if (Object.keys(edits).length)
        this.local.store.setItem(this.local.key, JSON.stringify(edits));
      else this.local.store.removeItem(this.local.key);
    } catch {
      // Private mode or a full store: the server save still runs; only the extra copy is missing.
    }
  }

  get currentState(): SaveState {
    return this.state;
  }

  get currentEtag(): string | null {
    return this.etag;
  }

  /** The stored text of a field, as last seen. */
  stored(field: string): string {
    return this.base[field] ?? '';
  }

  /** Whether the user has a change of this field that is not stored yet (or is in conflict). */
  isPending(field: string): boolean {
    return this.dirty.has(field) || this.conflicts.has(field);
  }

  currentConflicts(): Conflict[] {
    return [...this.conflicts.values()];
  }

  hasConflicts(): boolean {
    return this.conflicts.size > 0;
  }

  hasUnsaved(): boolean {
    return this.dirty.size > 0 || this.conflicts.size > 0;
  }

  /** The user changed a field; it is saved after the debounce delay. */
  edit(field: string, value: string): void {
    const conflict = this.conflicts.get(field);
    if (conflict) {
      // Held back until the user chooses; their latest text is what "keep mine" will save.
      conflict.mine = value;
      return;
    }
    if (value === this.stored(field)) this.dirty.delete(field);
    else this.dirty.set(field, value);
    this.writeLocal();
    this.schedule();
  }

  /** Saves now (on blur, before leaving, before finalising) and waits until done. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) await this.running;
    if (this.dirty.size > 0) await this.start();
  }

  /** After an error: try the same changes again. */
  retry(): Promise<void> {
    return this.flush();
  }

  /** The user takes the stored text; returns it so the field can show it. */
  takeTheirs(field: string): string {
    const conflict = this.conflicts.get(field);
    this.conflicts.delete(field);
    this.dirty.delete(field);
    this.afterResolve();
    return conflict?.theirs ?? this.stored(field);
  }

  /** The user keeps their own text: it is saved on top of the version they have now seen. */
  keepMine(field: string, value: string): Promise<void> {
    this.conflicts.delete(field);
    if (value === this.stored(field)) this.dirty.delete(field);
    else this.dirty.set(field, value);
    this.afterResolve();
    return this.flush();
  }

  /** A new stored version arrived by another action (start, finalise …). */
  rebase(view: V): void {
    this.base = this.target.fieldsOf(view);
    this.etag = this.target.etagOf(view);
  }

  /** Stops the debounce timer (the view is going away); unsaved text is sent first. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size > 0) void this.start();
    live.delete(this);
  }

  private afterResolve(): void {
    this.writeLocal();
    if (this.conflicts.size === 0 && this.state.kind === 'conflict') {
      this.setState(this.dirty.size ? { kind: 'idle' } : { kind: 'saved', at: new Date() });
    }
    this.hooks.onConflicts?.([...this.conflicts.values()]);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.running) void this.start();
    }, this.delayMs);
  }

  private start(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.hooks.onState?.(state);
  }

  private async run(): Promise<void> {
    let conflictRounds = 0;
    while (this.dirty.size > 0) {
      const sent = new Map(this.dirty);
      this.setState({ kind: 'saving' });
      try {
        const answer = await this.target.send(Object.fromEntries(sent), this.etag);
        const view = this.target.isView?.(answer) === false ? undefined : (answer as V);
        if (view) this.rebase(view);
        else {
          // Stored on top of the version we had, so the stored fields are ours with what we sent.
          this.etag = (answer as SavedVersion).etag;
          for (const [field, value] of sent) this.base[field] = value;
        }
        for (const [field, value] of sent) {
          if (this.dirty.get(field) === value) this.dirty.delete(field);
        }
        this.writeLocal();
        if (view) this.hooks.onSaved?.(view);
        if (this.dirty.size === 0) {
          this.setState(
            this.conflicts.size
              ? { kind: 'conflict', changed: [...this.conflicts.keys()] }
              : { kind: 'saved', at: new Date() },
          );
        }
      } catch (error) {
        const current =
          error instanceof ApiError && error.status === 412 ? error.current<V>() : undefined;
        if (!current || ++conflictRounds > MAX_CONFLICT_ROUNDS) {
          this.setState({ kind: 'error', message: userMessage(error) });
          return;
        }
        this.mergeStale(sent, current, (error as ApiError).changed());
      }
    }
  }

  /** The server refused a stale save and sent what is stored now. */
  private mergeStale(sent: Map<string, string>, current: V, changed: string[]): void {
    const theirs = this.target.fieldsOf(current);
    for (const field of sent.keys()) {
      const mine = this.dirty.get(field) ?? sent.get(field) ?? '';
      const stored = theirs[field] ?? '';
      if (stored === this.stored(field)) continue; // they did not touch it: save mine again
      this.dirty.delete(field);
      if (stored !== mine) this.conflicts.set(field, { field, theirs: stored, mine });
    }
    this.rebase(current);
    this.hooks.onRemote?.(current);
    if (this.conflicts.size > 0) {
      const fields = new Set([...this.conflicts.keys(), ...changed]);
      this.setState({ kind: 'conflict', changed: [...fields] });
      this.hooks.onConflicts?.([...this.conflicts.values()]);
    }
  }
}
