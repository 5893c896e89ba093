import { COMMON_UNDERSTANDINGS, WATCH_OUTS } from '../../../bot/mus/default-template.js';
import { questionSections } from '../../../bot/mus/skema-template.js';
import { ApiError, type SkemaKey } from '../api-client.js';
import type { PrivateNoteView, SkemaView } from '../api-types.js';
import type { AppEnv, Dispose } from '../app-env.js';
import { button, h, replace, uid, userText } from '../dom.js';
import { formatDate, formatDateTime, t, toLocalInput, tr } from '../i18n.js';
import { SaveStatusView } from '../save-status.js';
import { SharedTalkClock } from '../talk-clock-client.js';
import { agreementsSection } from './agreements-view.js';
import { FieldSaver } from './field-binding.js';
import { finaliseReview } from './finalise-review.js';
import { followUpFromLast } from './follow-up-from-last.js';
import { jumpList } from './jump-list.js';
import { printLink } from './print-link.js';
import { coreTaskBlock, isSkemaView, phaseSteps, skemaFacts } from './skema-parts.js';
import { timerPanel } from './timer-panel.js';

/*
 * The leader's screen for one employee's skema, made for the 45-minute talk: the four common
 * understandings first, then per section the employee's preparation beside the leader's notes, the
 * agreements, the leader's private note, a timer and the method's watch-outs at hand. Notes save
 * themselves (see autosave.ts); "Afslut" locks them and sends the summary to the employee.
 */

const NOTE_PREFIX = 'talkNotes.';

/** The employee whose talk was just finalised here: the next rendering confirms it, once. */
let confirmationFor: string | undefined;

/** The skema's leader-editable fields as text, for the Autosaver. */
export function leaderFields(view: SkemaView): Record<string, string> {
  const fields: Record<string, string> = {
    understandings: encodeUnderstandings(view.understandings),
    talkAt: view.talkAt ?? '',
  };
  for (const section of questionSections(view.template)) {
    fields[NOTE_PREFIX + section.id] = view.talkNotes[section.id] ?? '';
  }
  return fields;
}

export function encodeUnderstandings(checked: readonly boolean[]): string {
  return [0, 1, 2, 3].map((i) => (checked[i] ? '1' : '0')).join('');
}

function decodeUnderstandings(value: string): boolean[] {
  return [0, 1, 2, 3].map((i) => value[i] === '1');
}

/** The PUT talk-notes body for the changed fields. */
export function talkNotesBody(
  changes: Record<string, string>,
  etag: string,
): {
  talkNotes?: Record<string, string>;
  understandings?: boolean[];
  talkAt?: string | null;
  etag: string;
} {
  const body: ReturnType<typeof talkNotesBody> = { etag };
  for (const [field, value] of Object.entries(changes)) {
    if (field.startsWith(NOTE_PREFIX)) {
      body.talkNotes = { ...body.talkNotes, [field.slice(NOTE_PREFIX.length)]: value };
    } else if (field === 'understandings') {
      body.understandings = decodeUnderstandings(value);
    } else if (field === 'talkAt') {
      body.talkAt = value || null;
    }
  }
  return body;
}

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input wants it. */

/** The sections each talk has folded away, by skema (kept while the tab is open). */
const foldedBySkema = new Map<string, Set<string>>();
function foldedSections(key: SkemaKey): Set<string> {
  const id = `${key.roundId}/${key.email}`;
  let folds = foldedBySkema.get(id);
  if (!folds) {
    folds = new Set();
    foldedBySkema.set(id, folds);
  }
  return folds;
}

/** What the last booking did, shown once on the re-rendered talk (the view is rebuilt on booking). */
let bookedNotice: { email: string; lines: string[] } | undefined;

export function renderLeaderSkema(
  root: HTMLElement,
  env: AppEnv,
  view: SkemaView,
  rerender: (next: SkemaView) => void,
): Dispose {
  const key: SkemaKey = { roundId: view.roundId, email: view.employee.email };
  const editable = view.can.editTalkNotes;
  const talkStarted = view.status === 'held';
  const notesOpen = editable && talkStarted;

  let notes: FieldSaver<SkemaView> | undefined;
  let privateNote: FieldSaver<PrivateNoteView> | undefined;
  const describeField = (field: string): string =>
    notes?.labelOf(field) ?? privateNote?.labelOf(field) ?? field;
  const status = new SaveStatusView(() => {
    void notes?.saver.retry();
    void privateNote?.saver.retry();
  }, describeField);

  const answerEls = new Map<string, HTMLElement>();
  const refreshAnswers = (current: SkemaView): void => {
    for (const [id, el] of answerEls) {
      el.replaceWith(withId(userText(current.answers[id], t('notAnswered')), id));
    }
  };
  const withId = (el: HTMLElement, id: string): HTMLElement => {
    answerEls.set(id, el);
    return el;
  };

  if (editable) {
    notes = new FieldSaver<SkemaView>(
      {
        send: (changes, etag) => env.api.autosaveTalkNotes(key, talkNotesBody(changes, etag ?? '')),
        fieldsOf: leaderFields,
        etagOf: (v) => v.etag,
        isView: isSkemaView,
      },
      view,
      status,
      'notes',
      {
        onRemote: (current) => {
          refreshAnswers(current);
          // Finalised elsewhere in the meantime: show the locked skema (conflicting texts stay listed).
          if (!current.can.editTalkNotes) rerender(current);
        },
      },
    );
  }

  // The talk's own clock, kept with the skema: shown while the talk is under way, gone once finalised.
  const clock =
    editable && talkStarted
      ? new SharedTalkClock(
          {
            talkClock: () => env.api.talkClock(key),
            changeTalkClock: (action) => env.api.changeTalkClock(key, action),
          },
          view.talkClock,
        )
      : undefined;
  const timerUi = clock ? timerPanel(clock, (error) => env.showError(error)) : undefined;

  const flushAll = async (): Promise<void> => {
    await Promise.all([notes?.saver.flush(), privateNote?.saver.flush()]);
  };

  const heading = h('h1', {}, view.employee.name);
  // After "Afslut" the confirmation stands first and takes the focus, where eyes and screen readers are.
  const confirmation =
    confirmationFor === key.email &&
    !editable &&
    h(
      'div',
      { className: 'notice success', role: 'status', tabindex: '-1' },
      t('finalisedConfirmation', { name: view.employee.name }),
    );
  confirmationFor = undefined;
  const parts: (HTMLElement | false | undefined)[] = [
    confirmation,
    h('header', { className: 'page-header' }, heading, skemaFacts(view), phaseSteps(view.status)),
    // First thing on the first screen, also in the 320 px side panel.
    view.can.startTalk && startTalkCard(),
    h(
      'div',
      { className: 'toolbar', role: 'region', 'aria-label': t('timerHeading') },
      timerUi?.element,
      status.element,
    ),
    !editable && finalisedNotice(view),
    !editable && printLink(env, view),
    followUpFromLast(view),
    coreTaskBlock(view),
    watchOuts(),
    understandingsCard(),
    talkAtCard(),
  ];

  const jumpTargets: { label: string; element: HTMLElement }[] = [];
  const understandings = parts.find((p) => p && p.classList.contains('understandings'));
  if (understandings) jumpTargets.push({ label: t('jumpUnderstandings'), element: understandings });
  for (const section of view.template.sections) {
    const element =
      section.kind === 'agreements'
        ? agreementsSection(env, view)
        : questionCard(section.id, tr(section.title), tr(section.prompt));
    parts.push(element);
    jumpTargets.push({ label: tr(section.title), element });
  }
  parts.push(privateNoteCard());
  if (view.can.finalise) {
    const finalise = finaliseCard();
    parts.push(finalise);
    jumpTargets.push({ label: t('jumpFinish'), element: finalise });
  }
  // After the header and the toolbar: the way to every part of the talk.
  const toolbarAt = parts.findIndex((p) => p && p.classList.contains('toolbar'));
  parts.splice(toolbarAt + 1, 0, jumpList(jumpTargets));
  replace(root, ...parts);
  if (confirmation) confirmation.focus();

  return async () => {
    timerUi?.dispose();
    notes?.saver.dispose();
    privateNote?.saver.dispose();
    await flushAll();
  };

  function startTalkCard(): HTMLElement {
    return h(
      'section',
      { className: 'card start-talk' },
      h('p', {}, t('startTalkHint')),
      button(
        t('startTalk'),
        async () => {
          await flushAll();
          try {
            // The server starts the talk's clock with the talk.
            rerender(await env.api.startTalk(key, notes?.saver.currentEtag ?? view.etag));
          } catch (error) {
            if (error instanceof ApiError && error.status === 412) {
              rerender(await env.api.skema(key.roundId, key.email));
            } else env.showError(error);
          }
        },
        { className: 'primary' },
      ),
    );
  }

  function watchOuts(): HTMLElement {
    return h(
      'details',
      { className: 'card watch-outs' },
      h('summary', {}, t('watchOuts')),
      h(
        'ul',
        {},
        ...WATCH_OUTS.map((w) => h('li', {}, h('strong', {}, tr(w.title)), ' — ', tr(w.text))),
      ),
    );
  }

  function understandingsCard(): HTMLElement {
    const slot = h('div', { className: 'conflict-slot' });
    const boxes = COMMON_UNDERSTANDINGS.map((_, i) =>
      h('input', {
        type: 'checkbox',
        id: uid('understanding'),
        checked: view.understandings[i] === true,
        disabled: !notesOpen,
      }),
    );
    const read = (): string => encodeUnderstandings(boxes.map((b) => b.checked));
    notes?.bind('understandings', {
      read,
      write: (value) => {
        decodeUnderstandings(value).forEach((checked, i) => {
          const box = boxes[i];
          if (box) box.checked = checked;
        });
      },
      slot,
      label: t('understandingsField'),
      display: (value) =>
        COMMON_UNDERSTANDINGS.filter((_, i) => value[i] === '1')
          .map((u) => `✓ ${tr(u)}`)
          .join('\n'),
    });
    for (const box of boxes) {
      box.addEventListener('change', () => {
        notes?.saver.edit('understandings', read());
        void notes?.saver.flush();
      });
    }
    return h(
      'fieldset',
      { className: 'card understandings' },
      h('legend', {}, t('understandingsHeading')),
      h('p', { className: 'muted' }, t('understandingsIntro')),
      editable && !talkStarted && h('p', { className: 'notice' }, t('notesLockedUntilStart')),
      h(
        'ol',
        {},
        ...COMMON_UNDERSTANDINGS.map((u, i) =>
          h('li', {}, boxes[i] ?? '', ' ', h('label', { for: boxes[i]?.id ?? '' }, tr(u))),
        ),
      ),
      slot,
    );
  }

  function talkAtCard(): HTMLElement | false {
    if (!editable) return false;
    const id = uid('talk-at');
    const input = h('input', {
      id,
      type: 'datetime-local',
      value: toLocalInput(view.talkAt ?? ''),
    });
    const slot = h('div', { className: 'conflict-slot' });
    const read = (): string => (input.value ? new Date(input.value).toISOString() : '');
    notes?.bind('talkAt', {
      read,
      write: (value) => {
        input.value = toLocalInput(value);
      },
      slot,
      label: t('talkAtField'),
      display: (value) => (value ? formatDateTime(value) : ''),
    });
    input.addEventListener('change', () => {
      notes?.saver.edit('talkAt', read());
      void notes?.saver.flush();
    });
    // "Book samtalen": the panel's code is fetched when the leader asks for it.
    const bookingSlot = h('div', { className: 'booking-slot' });
    const notice =
      bookedNotice?.email === key.email &&
      h(
        'div',
        { className: 'notice success', role: 'status', tabindex: '-1', 'data-view': 'booked' },
        ...bookedNotice.lines.map((line) => h('p', {}, line)),
      );
    bookedNotice = undefined;
    const open = button(
      t('bookOpen'),
      async () => {
        const { bookingPanel, bookingOutcome } = await import('./booking-panel.js');
        const panel = bookingPanel(env, key, view, {
          etag: () => notes?.saver.currentEtag ?? view.etag,
          booked: (result) => {
            bookedNotice = { email: key.email, lines: bookingOutcome(result) };
            rerender(result.skema);
          },
          stale: () => {
            env.api
              .skema(key.roundId, key.email)
              .then(rerender)
              .catch((error: unknown) => env.showError(error));
          },
          plannedByFile: async (startsAt) => {
            // Through the talk's own autosave, which keeps the version the notes are written on.
            input.value = toLocalInput(startsAt);
            if (!notes) throw new Error(t('bookNotSaved'));
            notes.saver.edit('talkAt', startsAt);
            await notes.saver.flush();
            // The save line above the notes says why; the panel must not claim it was stored.
            if (notes.saver.isPending('talkAt')) throw new Error(t('bookNotSaved'));
          },
          close: () => {
            bookingSlot.replaceChildren();
            open.hidden = false;
            open.focus();
          },
        });
        open.hidden = true;
        bookingSlot.replaceChildren(panel);
        panel.focus();
      },
      { className: 'secondary', 'data-action': 'open-booking' },
    );
    const card = h(
      'div',
      { className: 'card field talk-at' },
      notice,
      h('label', { for: id }, t('talkAtField')),
      input,
      slot,
      h('div', { className: 'actions' }, open),
      bookingSlot,
    );
    if (notice) queueMicrotask(() => notice.focus());
    return card;
  }

  function questionCard(id: string, title: string, prompt: string): HTMLElement {
    const headingId = uid('section');
    const notesColumn = h('div', { className: 'column notes' });
    if (notesOpen && notes) {
      const fieldId = uid('notes');
      const textarea = h('textarea', { id: fieldId, rows: 6, maxlength: 4000, 'data-section': id });
      textarea.value = view.talkNotes[id] ?? '';
      const slot = h('div', { className: 'conflict-slot' });
      notes.bindText(NOTE_PREFIX + id, textarea, slot, title);
      notesColumn.append(
        h(
          'label',
          { for: fieldId },
          t('talkNotes'),
          h('span', { className: 'visually-hidden' }, ` – ${title}`),
        ),
        textarea,
        slot,
      );
    } else {
      notesColumn.append(
        h('h3', {}, t('talkNotes')),
        editable
          ? h('p', { className: 'muted' }, t('notesLockedUntilStart'))
          : userText(view.talkNotes[id], t('noNotes')),
      );
    }
    return foldableSection(
      id,
      headingId,
      title,
      h(
        'div',
        { className: 'columns' },
        h(
          'div',
          { className: 'column prep' },
          h('h3', {}, t('preparation')),
          h('p', { className: 'prompt' }, prompt),
          withId(userText(view.answers[id], t('notAnswered')), id),
        ),
        notesColumn,
      ),
    );
  }

  /**
   * A section of the talk that folds away (its heading's button), so the 320 px panel shows the
   * agenda; the section being written in is marked current and its heading stays pinned at the top
   * while the leader scrolls through it. What is folded survives the view being redrawn.
   */
  function foldableSection(
    id: string,
    headingId: string,
    title: string,
    body: HTMLElement,
  ): HTMLElement {
    const bodyId = uid('section-body');
    body.id = bodyId;
    const folds = foldedSections(key);
    const toggle = h(
      'button',
      {
        type: 'button',
        className: 'fold-toggle',
        'aria-expanded': String(!folds.has(id)),
        'aria-controls': bodyId,
      },
      title,
    );
    const section = h(
      'section',
      { className: 'card skema-section', 'aria-labelledby': headingId, 'data-section': id },
      h('h2', { id: headingId }, toggle),
      body,
    );
    const setFolded = (fold: boolean): void => {
      if (fold) folds.add(id);
      else folds.delete(id);
      body.hidden = fold;
      toggle.setAttribute('aria-expanded', String(!fold));
      section.classList.toggle('folded', fold);
    };
    setFolded(folds.has(id));
    toggle.addEventListener('click', () => setFolded(!folds.has(id)));
    // The jump list opens a folded section before it moves there.
    section.addEventListener('mus:reveal', () => setFolded(false));
    section.addEventListener('focusin', () => {
      for (const other of section.parentElement?.querySelectorAll('.skema-section.current') ?? []) {
        other.classList.remove('current');
      }
      section.classList.add('current');
    });
    return section;
  }

  function privateNoteCard(): HTMLElement {
    const headingId = uid('private');
    const card = h(
      'section',
      { className: 'card private-note', 'aria-labelledby': headingId },
      h(
        'h2',
        { id: headingId },
        t('privateNoteHeading'),
        ' ',
        h('span', { className: 'badge' }, t('privateNoteBadge')),
      ),
      h('p', { className: 'muted' }, t('privateNoteHint')),
    );
    const note = view.privateNote;
    if (!note || !view.can.editPrivateNote) {
      card.append(h('p', { className: 'muted' }, t('privateNoteNotYours')));
      return card;
    }
    const fieldId = uid('private-note');
    const textarea = h('textarea', { id: fieldId, rows: 5, maxlength: 8000 });
    textarea.value = note.text;
    const slot = h('div', { className: 'conflict-slot' });
    privateNote = new FieldSaver<PrivateNoteView>(
      {
        send: (changes, etag) =>
          env.api.savePrivateNote(key, { text: changes.privateNote ?? '', etag }),
        fieldsOf: (v) => ({ privateNote: v.text }),
        etagOf: (v) => v.etag,
      },
      note,
      status,
      'private',
    );
    privateNote.bindText('privateNote', textarea, slot, t('privateNoteField'));
    card.append(h('label', { for: fieldId }, t('privateNoteLabel')), textarea, slot);
    return card;
  }

  function finaliseCard(): HTMLElement {
    const dateId = uid('follow-up');
    const followUp = h('input', { id: dateId, type: 'date' });
    const error = h('p', { className: 'field-error', role: 'alert' });
    const blocked = h('p', { className: 'field-error', role: 'alert' });
    const review = h('div', { className: 'review-slot' });
    const titleId = uid('finalise-title');
    const confirmButton = button(t('confirmFinalise'), () => confirm(), {
      className: 'primary',
      'data-action': 'confirm-finalise',
    });
    const dialog: HTMLDialogElement = h(
      'dialog',
      { className: 'finalise-dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, t('finaliseTitle')),
      h('p', {}, t('finaliseText')),
      review,
      h('div', { className: 'field' }, h('label', { for: dateId }, t('followUpDate')), followUp),
      error,
      h(
        'div',
        { className: 'actions' },
        button(t('cancel'), () => dialog.close(), { className: 'secondary' }),
        confirmButton,
      ),
    );
    let reviewed: SkemaView | undefined;
    // The review is of what is stored: everything typed is saved first, then read back.
    const open = async (): Promise<void> => {
      blocked.textContent = '';
      error.textContent = '';
      await flushAll();
      if (notes?.saver.hasConflicts()) {
        blocked.textContent = t('finaliseBlocked');
        return;
      }
      if (notes?.saver.hasUnsaved() || privateNote?.saver.hasUnsaved()) {
        blocked.textContent = t('finaliseUnsaved');
        return;
      }
      try {
        reviewed = await env.api.skema(key.roundId, key.email);
      } catch (e) {
        blocked.textContent = e instanceof ApiError ? e.message : t('finaliseUnsaved');
        return;
      }
      const { element, empty } = finaliseReview(reviewed);
      replace(review, element);
      confirmButton.textContent =
        empty.length > 0 ? t('confirmFinaliseAnyway') : t('confirmFinalise');
      dialog.showModal();
    };
    const confirm = async (): Promise<void> => {
      error.textContent = '';
      try {
        const next = await env.api.finalise(key, {
          etag: reviewed?.etag ?? notes?.saver.currentEtag ?? view.etag,
          ...(followUp.value ? { followUpDate: followUp.value } : {}),
        });
        dialog.close();
        confirmationFor = key.email;
        rerender(next);
      } catch (e) {
        if (e instanceof ApiError && e.status === 412) {
          // Someone saved in between: show their version; the leader finalises again after a look.
          const current = e.current<SkemaView>();
          if (current) notes?.saver.rebase(current);
          if (current) refreshAnswers(current);
          if (current) reviewed = current;
          if (current) replace(review, finaliseReview(current).element);
        }
        error.textContent = e instanceof ApiError ? e.message : t('unexpected');
      }
    };
    return h(
      'section',
      { className: 'card finalise' },
      h('p', { className: 'muted' }, t('talkNotesShared')),
      blocked,
      button(t('finalise'), () => open(), { className: 'primary' }),
      dialog,
    );
  }
}

function finalisedNotice(view: SkemaView): HTMLElement {
  return h(
    'div',
    { className: 'notice' },
    h('p', {}, t('finalisedReadOnly', { date: formatDate(view.finalisedAt ?? view.updatedAt) })),
    view.acknowledgedAt &&
      h(
        'p',
        {},
        t('acknowledgedBy', { name: view.employee.name, date: formatDate(view.acknowledgedAt) }),
      ),
    view.employeeComment &&
      h('div', {}, h('h2', {}, t('employeeComment')), userText(view.employeeComment, '')),
  );
}
