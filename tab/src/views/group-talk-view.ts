import type { TemplateSection } from '../../../bot/mus/skema-template.js';
import { ApiError, type GroupKey } from '../api-client.js';
import type { GroupPreparation, GroupTalkView } from '../api-types.js';
import type { AppEnv, Dispose } from '../app-env.js';
import { button, h, replace, uid, userText } from '../dom.js';
import { formatDate, t, tr, type TextKey } from '../i18n.js';
import { SaveStatusView } from '../save-status.js';
import { FieldSaver } from './field-binding.js';
import { backLink } from './skema-parts.js';

/*
 * A team's group talk (GRUS). The leader holds one talk with everybody: per question of the template
 * every member's prepared answer (name and text) beside the team's shared notes, which save
 * themselves (autosave.ts, conflicts side by side); "Afslut" locks them for everyone. A member sees
 * who takes part, and once finalised the shared notes, and acknowledges them. What each may see is
 * the server's decision (bot/group-talk/group-talk-view.ts); this screen shows what it is sent.
 */

const NOTE_PREFIX = 'notes.';

/** The group talk's leader-editable fields as text, for the Autosaver. */
export function groupFields(view: GroupTalkView): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const section of view.template.sections) {
    fields[NOTE_PREFIX + section.id] = view.notes?.[section.id] ?? '';
  }
  return fields;
}

/** The PUT notes body for the changed fields. */
export function groupNotesBody(
  changes: Record<string, string>,
  etag: string,
): { notes: Record<string, string>; etag: string } {
  const notes: Record<string, string> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (field.startsWith(NOTE_PREFIX)) notes[field.slice(NOTE_PREFIX.length)] = value;
  }
  return { notes, etag };
}

const STATUS_TEXT: Record<GroupTalkView['status'], TextKey> = {
  sent: 'groupStatusSent',
  held: 'groupStatusHeld',
  finalised: 'groupStatusFinalised',
};

export async function renderGroupTalkScreen(
  root: HTMLElement,
  env: AppEnv,
  key: GroupKey,
): Promise<Dispose> {
  const first = await env.api.groupTalk(key.roundId, key.leaderEmail);
  // Preparations come with GET only (the read is audited); later answers keep the ones loaded.
  const preparations = first.preparations;
  const notPrepared = first.notPrepared;
  let dispose: Dispose = () => undefined;
  const show = (view: GroupTalkView): void => {
    void Promise.resolve(dispose()).catch(() => undefined);
    const body = h('div', {
      className: 'group-talk',
      'data-viewer': view.viewerRole,
      'data-status': view.status,
    });
    root.replaceChildren(backLink(env, view.roundId), body);
    dispose =
      view.viewerRole === 'leader'
        ? renderLeader(body, env, key, { ...view, preparations, notPrepared }, show)
        : renderMember(body, env, key, view, show);
    env.announce(t('groupHeading', { round: view.roundName }));
  };
  show(first);
  return () => dispose();
}

function header(view: GroupTalkView): HTMLElement {
  return h(
    'header',
    { className: 'page-header' },
    h('h1', {}, t('groupHeading', { round: view.roundName })),
    h(
      'dl',
      { className: 'facts' },
      h('dt', {}, t('leader')),
      h('dd', {}, view.leader.name),
      h('dt', {}, t('groupStatus')),
      h(
        'dd',
        {},
        h('span', { className: 'status-pill group-status' }, t(STATUS_TEXT[view.status])),
      ),
      h('dt', {}, t('groupMembers')),
      h('dd', { className: 'group-members' }, view.members.map((m) => m.name).join(', ')),
    ),
  );
}

function preparedSummary(view: GroupTalkView): HTMLElement {
  const prepared = view.members.filter((m) => m.prepared).length;
  const missing = view.notPrepared ?? view.members.filter((m) => !m.prepared);
  return h(
    'div',
    { className: 'card prepared-summary' },
    h(
      'p',
      {},
      h(
        'strong',
        {},
        t('groupPrepared', { count: String(prepared), total: String(view.members.length) }),
      ),
    ),
    h(
      'p',
      { className: missing.length ? 'notice' : 'muted' },
      missing.length
        ? t('groupNotPrepared', { names: missing.map((m) => m.name).join(', ') })
        : t('groupAllPrepared'),
    ),
  );
}

function answersList(preparation: GroupPreparation | undefined): HTMLElement {
  const answers = preparation?.answers ?? [];
  if (!answers.length) return h('p', { className: 'muted' }, t('groupNoAnswers'));
  return h(
    'ul',
    { className: 'group-answers' },
    ...answers.map((a) =>
      h(
        'li',
        { 'data-email': a.email },
        h('strong', { className: 'answer-name' }, a.name),
        userText(a.text, t('notAnswered')),
      ),
    ),
  );
}

function renderLeader(
  root: HTMLElement,
  env: AppEnv,
  key: GroupKey,
  view: GroupTalkView,
  rerender: (next: GroupTalkView) => void,
): Dispose {
  const editable = view.can.editNotes;
  let notes: FieldSaver<GroupTalkView> | undefined;
  const status = new SaveStatusView(
    () => void notes?.saver.retry(),
    (field) => notes?.labelOf(field) ?? field,
  );
  if (editable) {
    notes = new FieldSaver<GroupTalkView>(
      {
        send: (changes, etag) => env.api.saveGroupNotes(key, groupNotesBody(changes, etag ?? '')),
        fieldsOf: groupFields,
        etagOf: (v) => v.etag,
      },
      view,
      status,
      'group-notes',
      {
        // The first note starts the talk: say so without redrawing the fields being typed in.
        onSaved: (saved) => {
          root.dataset.status = saved.status;
          for (const pill of root.querySelectorAll('.group-status')) {
            pill.textContent = t(STATUS_TEXT[saved.status]);
          }
          if (saved.status !== 'sent') root.querySelector('.start-talk')?.remove();
        },
        // Finalised in another window meanwhile: show the locked talk.
        onRemote: (current) => {
          if (!current.can.editNotes) rerender(current);
        },
      },
    );
  }
  const byId = new Map((view.preparations ?? []).map((p) => [p.sectionId, p]));

  const sectionCard = (section: TemplateSection): HTMLElement => {
    const headingId = uid('section');
    const fieldId = uid('group-note');
    const title = tr(section.title);
    const slot = h('div', { className: 'conflict-slot' });
    let noteEl: HTMLElement;
    if (notes) {
      const textarea = h('textarea', {
        id: fieldId,
        rows: 6,
        maxlength: 4000,
        'data-section': section.id,
      });
      textarea.value = view.notes?.[section.id] ?? '';
      notes.bindText(NOTE_PREFIX + section.id, textarea, slot, title);
      noteEl = h(
        'div',
        { className: 'field' },
        h(
          'label',
          { for: fieldId },
          t('groupNotes'),
          h('span', { className: 'visually-hidden' }, ` – ${title}`),
        ),
        textarea,
        slot,
      );
    } else {
      noteEl = h(
        'div',
        {},
        h('h3', {}, t('groupNotes')),
        userText(view.notes?.[section.id], t('notAnswered')),
      );
    }
    return h(
      'section',
      {
        className: 'card question group-section',
        'aria-labelledby': headingId,
        'data-section': section.id,
      },
      h('h2', { id: headingId }, title),
      h('p', { className: 'prompt' }, tr(section.prompt)),
      section.kind === 'question' &&
        h(
          'div',
          { className: 'column answer' },
          h('h3', {}, t('groupPreparations')),
          answersList(byId.get(section.id)),
        ),
      noteEl,
    );
  };

  const act = async (action: 'start' | 'finalise'): Promise<void> => {
    await notes?.saver.flush();
    if (notes?.saver.hasUnsaved()) return; // a conflict or failed save: the status says so
    try {
      rerender(await env.api.groupAction(key, action, notes?.saver.currentEtag ?? view.etag));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        rerender(await env.api.groupTalk(key.roundId, key.leaderEmail));
      } else env.showError(error);
    }
  };

  const acknowledged = view.members.filter((m) => m.acknowledgedAt).length;
  replace(
    root,
    header(view),
    h('p', { className: 'muted' }, t('groupLeaderIntro')),
    h('div', { className: 'toolbar' }, status.element),
    view.finalisedAt &&
      h(
        'p',
        { className: 'notice' },
        t('groupFinalised', { date: formatDate(view.finalisedAt) }),
        ' ',
        t('groupAcknowledgedCount', {
          count: String(acknowledged),
          total: String(view.members.length),
        }),
      ),
    view.preparations && preparedSummary(view),
    view.can.start &&
      h(
        'section',
        { className: 'card start-talk' },
        button(t('groupStart'), () => act('start'), { className: 'primary' }),
      ),
    ...view.template.sections.map(sectionCard),
    view.can.finalise &&
      h(
        'section',
        { className: 'card finalise' },
        h('p', {}, t('groupFinaliseHint')),
        button(t('groupFinalise'), () => act('finalise'), { className: 'primary' }),
      ),
  );
  return async () => {
    notes?.saver.dispose();
    await notes?.saver.flush();
  };
}

function renderMember(
  root: HTMLElement,
  env: AppEnv,
  key: GroupKey,
  view: GroupTalkView,
  rerender: (next: GroupTalkView) => void,
): Dispose {
  const me = view.members.find((m) => m.email === env.me.email);
  const sections = view.notes
    ? view.template.sections.map((section) => {
        const headingId = uid('section');
        return h(
          'section',
          { className: 'card group-section', 'aria-labelledby': headingId },
          h('h2', { id: headingId }, tr(section.title)),
          userText(view.notes?.[section.id], t('notAnswered')),
        );
      })
    : [];
  replace(
    root,
    header(view),
    h('p', { className: 'muted' }, t('groupMemberIntro', { leader: view.leader.name })),
    !view.notes &&
      h('p', { className: 'card notice' }, t('groupNotYet', { leader: view.leader.name })),
    ...sections,
    view.can.acknowledge &&
      h(
        'section',
        { className: 'card acknowledge' },
        h('h2', {}, t('acknowledgeHeading')),
        h('p', {}, t('groupAcknowledgeIntro')),
        button(
          t('acknowledge'),
          async () => rerender(await env.api.groupAction(key, 'acknowledge')),
          { className: 'primary' },
        ),
      ),
    me?.acknowledgedAt &&
      h('p', { className: 'notice' }, t('acknowledged', { date: formatDate(me.acknowledgedAt) })),
  );
  return () => undefined;
}
