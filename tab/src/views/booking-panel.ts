import { ApiError, userMessage, type SkemaKey } from '../api-client.js';
import type { BookedTalk, BookingSuggestions, SkemaView } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { button, h, replace, uid } from '../dom.js';
import { formatDateTime, fromLocalInput, t, toLocalInput } from '../i18n.js';
import { saveFile } from '../save-file.js';

/*
 * "Book samtalen": the leader picks one of the times when both are free (Graph's free/busy) or any
 * time, and the talk becomes a Teams meeting in Outlook. Without Graph consent the panel says what
 * the administrator must grant and offers the talk as a calendar file instead. Loaded only when the
 * leader opens it, so the first screen stays small.
 */

const TALK_MINUTES = 45;

export interface BookingPanelOptions {
  /** The skema's version the booking writes over (the notes' autosave keeps it current). */
  etag: () => string;
  /** The talk is booked: the view shows the new version and says what happened. */
  booked: (result: BookedTalk) => void;
  /** The skema changed meanwhile (412): the view reloads it. */
  stale: () => void;
  /**
   * The leader took the talk along as a calendar file: the view stores the time as the planned one
   * (the booking in Outlook is then the leader's own). Rejects when it could not be stored.
   */
  plannedByFile: (startsAt: string) => Promise<void>;
  close: () => void;
}

/** The lines that tell the leader what the booking did. */
export function bookingOutcome(result: BookedTalk): string[] {
  return [
    t('bookDone', { time: formatDateTime(result.skema.talkAt ?? '') }),
    t(result.employeeTold ? 'bookEmployeeTold' : 'bookEmployeeNotTold'),
    t(result.meetingTab === 'added' ? 'bookTabAdded' : 'bookTabByHand'),
  ];
}

export function bookingPanel(
  env: AppEnv,
  key: SkemaKey,
  view: SkemaView,
  options: BookingPanelOptions,
): HTMLElement {
  const headingId = uid('booking');
  const timeId = uid('booking-time');
  const time = h('input', {
    id: timeId,
    type: 'datetime-local',
    value: toLocalInput(view.talkAt ?? ''),
    min: toLocalInput(new Date().toISOString()),
  });
  const suggestions = h('div', { className: 'booking-suggestions', 'aria-live': 'polite' });
  const message = h('div', { className: 'booking-message' });
  const consent = h('div', { className: 'booking-consent' });

  const say = (text: string, kind: 'error' | 'info' = 'error'): void => {
    replace(
      message,
      h('p', { className: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text),
    );
  };
  const chosen = (): string | undefined => {
    const iso = fromLocalInput(time.value);
    if (!iso) {
      say(t('bookPickTime'));
      time.focus();
    }
    return iso || undefined;
  };

  const downloadIcs = async (): Promise<void> => {
    const startsAt = chosen();
    if (!startsAt) return;
    try {
      saveFile(await env.api.talkIcs(key, startsAt, TALK_MINUTES), 'mus-samtale.ics');
    } catch (error) {
      say(userMessage(error));
      return;
    }
    try {
      await options.plannedByFile(startsAt);
      say(t('bookIcsPlanned', { time: formatDateTime(startsAt) }), 'info');
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) options.stale();
      else say(error instanceof Error ? error.message : String(error));
    }
  };
  const icsButton = (): HTMLButtonElement =>
    button(t('bookIcs'), downloadIcs, { className: 'secondary', 'data-action': 'booking-ics' });

  /** No booking in Outlook: what is missing, in the server's words, and the calendar file. */
  const showConsent = (error: ApiError): void => {
    const title = uid('booking-consent');
    replace(
      consent,
      h(
        'section',
        { className: 'notice warning', role: 'region', 'aria-labelledby': title },
        h('h3', { id: title }, t('bookNoOutlook')),
        h('p', {}, error.message),
        h('p', {}, t('bookIcsHint')),
      ),
    );
    bookButton.hidden = true;
  };

  const book = async (): Promise<void> => {
    const startsAt = chosen();
    if (!startsAt) return;
    bookButton.disabled = true;
    bookButton.textContent = t('bookBooking');
    try {
      options.booked(
        await env.api.bookTalk(key, { startsAt, minutes: TALK_MINUTES, etag: options.etag() }),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) options.stale();
      else if (error instanceof ApiError && error.code === 'graph_consent_required') {
        showConsent(error);
      } else if (error instanceof ApiError && error.code === 'graph_unavailable') {
        showConsent(error);
      } else say(userMessage(error));
    } finally {
      bookButton.disabled = false;
      bookButton.textContent = t('bookConfirm');
    }
  };
  const bookButton = button(t('bookConfirm'), book, {
    className: 'primary',
    'data-action': 'booking-confirm',
  });

  const showSuggestions = (found: BookingSuggestions): void => {
    if (found.startsAt.length === 0) {
      replace(suggestions, h('p', { className: 'muted' }, t('bookNoSuggestions')));
      return;
    }
    const name = uid('booking-slot');
    const legend = found.employeeCalendarKnown
      ? t('bookSuggestions')
      : t('bookSuggestionsLeaderOnly');
    replace(
      suggestions,
      h(
        'fieldset',
        { className: 'slots' },
        h('legend', {}, legend),
        ...found.startsAt.map((startsAt) => {
          const id = uid('slot');
          const radio = h('input', { type: 'radio', name, id, value: startsAt });
          radio.addEventListener('change', () => {
            time.value = toLocalInput(startsAt);
            message.replaceChildren();
          });
          return h(
            'div',
            { className: 'slot' },
            radio,
            h('label', { for: id }, formatDateTime(startsAt)),
          );
        }),
      ),
    );
  };

  replace(suggestions, h('p', { className: 'muted' }, t('bookFinding')));
  env.api
    .bookingSuggestions(key)
    .then(showSuggestions)
    .catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'graph_consent_required') showConsent(error);
      else replace(suggestions, h('p', { className: 'muted' }, t('bookSuggestionsUnavailable')));
    });

  const panel = h(
    'section',
    { className: 'booking-panel', 'aria-labelledby': headingId, tabindex: '-1' },
    h('h2', { id: headingId }, t('bookHeading')),
    h('p', {}, t('bookIntro', { name: view.employee.name })),
    suggestions,
    h('div', { className: 'field' }, h('label', { for: timeId }, t('bookTime')), time),
    message,
    consent,
    h(
      'div',
      { className: 'actions' },
      bookButton,
      icsButton(),
      button(t('bookClose'), options.close, { className: 'secondary' }),
    ),
  );
  return panel;
}
