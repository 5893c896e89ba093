import { COMMON_UNDERSTANDINGS } from '../../../bot/mus/default-template.js';
import { questionSections } from '../../../bot/mus/skema-template.js';
import { ApiError, type SkemaKey } from '../api-client.js';
import type { SkemaView } from '../api-types.js';
import type { AppEnv, Dispose } from '../app-env.js';
import { button, h, replace, uid, userText } from '../dom.js';
import { formatDate, t, tr } from '../i18n.js';
import { SaveStatusView } from '../save-status.js';
import { agreementsSection } from './agreements-view.js';
import { FieldSaver } from './field-binding.js';
import { coreTaskBlock, isSkemaView, phaseSteps, skemaFacts } from './skema-parts.js';
import { printLink } from './print-view.js';

/*
 * The employee's own skema: preparing (answers save themselves, then "send" to the leader) until the
 * talk starts; then a note that the talk is on; after the leader finalises, the summary — answers,
 * the leader's shared notes and the agreements — to acknowledge, optionally with a comment.
 */

const ANSWER_PREFIX = 'answers.';

export function answerFields(view: SkemaView): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const s of questionSections(view.template))
    fields[ANSWER_PREFIX + s.id] = view.answers[s.id] ?? '';
  return fields;
}

function answersOf(changes: Record<string, string>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (field.startsWith(ANSWER_PREFIX)) answers[field.slice(ANSWER_PREFIX.length)] = value;
  }
  return answers;
}

export function renderEmployeeSkema(
  root: HTMLElement,
  env: AppEnv,
  view: SkemaView,
  rerender: (next: SkemaView) => void,
): Dispose {
  const key: SkemaKey = { roundId: view.roundId, email: view.employee.email };
  const finalised = view.status === 'finalised' || view.status === 'acknowledged';
  let answers: FieldSaver<SkemaView> | undefined;
  const status = new SaveStatusView(
    () => void answers?.saver.retry(),
    (field) => answers?.labelOf(field) ?? field,
  );

  const parts: (HTMLElement | false)[] = [
    h(
      'header',
      { className: 'page-header' },
      h('h1', {}, `${t('mySkemaHeading')} — ${view.roundName}`),
      skemaFacts(view),
      phaseSteps(view.status),
    ),
    coreTaskBlock(view),
  ];

  if (view.can.editAnswers) parts.push(understandings(), ...preparation());
  else if (!finalised) parts.push(started(), understandings(), ...answersReadOnly());
  else parts.push(...summary());

  replace(root, ...parts);
  return async () => {
    answers?.saver.dispose();
    await answers?.saver.flush();
  };

  function preparation(): HTMLElement[] {
    answers = new FieldSaver<SkemaView>(
      {
        send: (changes, etag) =>
          env.api.autosaveAnswers(key, { answers: answersOf(changes), etag: etag ?? '' }),
        fieldsOf: answerFields,
        etagOf: (v) => v.etag,
        isView: isSkemaView,
      },
      view,
      status,
      'answers',
      {
        onRemote: (current) => {
          if (!current.can.editAnswers) rerender(current);
        },
      },
    );
    const saver = answers;
    const cards = questionSections(view.template).map((section) => {
      const fieldId = uid('answer');
      const promptId = uid('prompt');
      const textarea = h('textarea', {
        id: fieldId,
        rows: 5,
        maxlength: 4000,
        'aria-describedby': promptId,
        'data-section': section.id,
      });
      textarea.value = view.answers[section.id] ?? '';
      const slot = h('div', { className: 'conflict-slot' });
      saver.bindText(ANSWER_PREFIX + section.id, textarea, slot, tr(section.title));
      return h(
        'section',
        { className: 'card skema-section', 'data-section': section.id },
        h('h2', {}, h('label', { for: fieldId }, tr(section.title))),
        h('p', { id: promptId, className: 'prompt' }, tr(section.prompt)),
        textarea,
        slot,
      );
    });
    const submitError = h('p', { className: 'field-error', role: 'alert' });
    const submit = button(
      t('submitPreparation'),
      async () => {
        submitError.textContent = '';
        await saver.saver.flush();
        if (saver.saver.hasUnsaved()) {
          submitError.textContent = t('finaliseBlocked');
          return;
        }
        try {
          const all = answersOf(answerFields(view));
          for (const field of Object.keys(all))
            all[field] = saver.saver.stored(ANSWER_PREFIX + field);
          const next = await env.api.saveAnswers(key, {
            answers: all,
            submit: true,
            etag: saver.saver.currentEtag ?? view.etag,
          });
          rerender(next);
        } catch (error) {
          submitError.textContent = error instanceof ApiError ? error.message : t('unexpected');
        }
      },
      { className: 'primary' },
    );
    return [
      h(
        'p',
        { className: 'notice' },
        view.status === 'prepared'
          ? t('submitted', { leader: view.leader.name })
          : t('prepareIntro', { leader: view.leader.name }),
      ),
      h('div', { className: 'toolbar' }, status.element),
      ...cards,
      h('section', { className: 'card submit' }, submit, submitError),
    ];
  }

  function started(): HTMLElement {
    return h('p', { className: 'notice' }, t('talkStarted', { leader: view.leader.name }));
  }

  function answersReadOnly(): HTMLElement[] {
    return questionSections(view.template).map((section) =>
      h(
        'section',
        { className: 'card skema-section', 'data-section': section.id },
        h('h2', {}, tr(section.title)),
        h('p', { className: 'prompt' }, tr(section.prompt)),
        h('h3', {}, t('yourPreparation')),
        userText(view.answers[section.id], t('notAnswered')),
      ),
    );
  }

  function summary(): HTMLElement[] {
    const headingId = uid('summary');
    const sections = questionSections(view.template).map((section) =>
      h(
        'section',
        { className: 'card skema-section', 'data-section': section.id },
        h('h3', {}, tr(section.title)),
        h(
          'div',
          { className: 'columns' },
          h(
            'div',
            { className: 'column' },
            h('h4', {}, t('yourPreparation')),
            userText(view.answers[section.id], t('notAnswered')),
          ),
          h(
            'div',
            { className: 'column' },
            h('h4', {}, t('leaderNotes')),
            userText(view.talkNotes[section.id], t('noNotes')),
          ),
        ),
      ),
    );
    // Still to acknowledge: that comes first, so it is the first thing the employee meets.
    const toAcknowledge = view.can.acknowledge && !view.acknowledgedAt;
    return [
      toAcknowledge && acknowledgement(),
      h('h2', { id: headingId, className: 'summary-heading' }, t('summaryHeading')),
      understandings(),
      ...sections,
      agreementsSection(env, view),
      !toAcknowledge && acknowledgement(),
      printLink(env, view),
    ].filter((part): part is HTMLElement => part !== false);
  }

  /**
   * The four common understandings the talk builds on: before the talk so the employee can think
   * about them, after it with the ones the two of them agreed on ticked.
   */
  function understandings(): HTMLElement {
    const headingId = uid('understandings');
    return h(
      'section',
      { className: 'card understandings', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, t('understandingsHeading')),
      h(
        'p',
        { className: 'muted' },
        finalised ? t('understandingsAgreed') : t('understandingsAhead'),
      ),
      h(
        'ul',
        { className: finalised ? 'review-list' : '' },
        ...COMMON_UNDERSTANDINGS.map((u, i) => {
          const agreed = view.understandings[i] === true;
          if (!finalised) return h('li', {}, tr(u));
          return h(
            'li',
            { className: agreed ? 'review-filled' : 'review-empty' },
            h('span', { 'aria-hidden': 'true' }, agreed ? '✓ ' : '○ '),
            tr(u),
            ' – ',
            agreed ? t('understandingAgreed') : t('understandingNotTicked'),
          );
        }),
      ),
    );
  }

  function acknowledgement(): HTMLElement {
    const headingId = uid('ack');
    if (view.acknowledgedAt) {
      return h(
        'section',
        { className: 'card acknowledged', 'aria-labelledby': headingId },
        h('h2', { id: headingId }, t('acknowledgeHeading')),
        h('p', {}, t('acknowledged', { date: formatDate(view.acknowledgedAt) })),
        view.employeeComment && h('h3', {}, t('yourComment')),
        view.employeeComment && userText(view.employeeComment, ''),
      );
    }
    if (!view.can.acknowledge) return h('span');
    const commentId = uid('comment');
    const comment = h('textarea', { id: commentId, rows: 3, maxlength: 2000 });
    const error = h('p', { className: 'field-error', role: 'alert' });
    return h(
      'section',
      { className: 'card acknowledge', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, t('acknowledgeHeading')),
      h('p', {}, t('acknowledgeIntro')),
      h('label', { for: commentId }, t('commentLabel')),
      comment,
      error,
      button(
        t('acknowledge'),
        async () => {
          error.textContent = '';
          try {
            const text = comment.value.trim();
            const next = await env.api.acknowledge(key, {
              etag: view.etag,
              ...(text ? { comment: text } : {}),
            });
            rerender(next);
          } catch (e) {
            if (e instanceof ApiError && e.status === 412) {
              const current = e.current<SkemaView>();
              if (current) view.etag = current.etag;
            }
            error.textContent = e instanceof ApiError ? e.message : t('unexpected');
          }
        },
        { className: 'primary' },
      ),
    );
  }
}
