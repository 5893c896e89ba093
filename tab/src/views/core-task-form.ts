import { CORE_TASK_MAX } from '../../../bot/mus/organisation.js';
import { ApiError } from '../api-client.js';
import type { HrContact, OrganisationView } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { h, replace, uid } from '../dom.js';
import { t } from '../i18n.js';
import { SaveControls, setupCard, textField } from './setup-parts.js';

/*
 * The organisation's core task — the centre of the method, on top of every card and skema — with
 * guidance on what makes a good one, and HR's contact person shown on the leaders' cards. Saved over
 * the version HR read; when another HR person saved first, both versions are shown and nothing HR
 * typed is lost.
 */

interface Draft {
  coreTask: string;
  name: string;
  email: string;
  phone: string;
}

function draftOf(view: OrganisationView): Draft {
  return {
    coreTask: view.coreTask,
    name: view.hrContact?.name ?? '',
    email: view.hrContact?.email ?? '',
    phone: view.hrContact?.phone ?? '',
  };
}

/** The contact as the API takes it: none when every field is empty, else what HR wrote. */
function contactOf(draft: Draft): HrContact | null {
  const name = draft.name.trim();
  const email = draft.email.trim();
  const phone = draft.phone.trim();
  if (!name && !email && !phone) return null;
  return { name, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

function described(draft: Draft): string {
  const contact = contactOf(draft);
  const who = contact
    ? [contact.name, contact.email, contact.phone].filter(Boolean).join(', ')
    : '—';
  return `${draft.coreTask.trim()}\n\n${t('hrContactHeading')}: ${who}`;
}

export function coreTaskForm(
  env: AppEnv,
  initial: OrganisationView,
  onCoreTaskInput: (coreTask: string) => void,
): HTMLElement {
  let etag = initial.etag;
  let draft = draftOf(initial);
  const body = h('div', {});
  const missing = h('p', { className: 'warning', 'data-warning': 'core-task-missing' });
  const showMissing = (stored: string): void => {
    missing.hidden = stored.trim().length > 0;
    missing.textContent = t('coreTaskRequired');
  };
  showMissing(initial.coreTask);

  const controls = new SaveControls(
    t('saveCoreTask'),
    async () => {
      try {
        const saved = await env.api.saveOrganisation(
          { coreTask: draft.coreTask, hrContact: contactOf(draft) },
          etag,
        );
        etag = saved.etag;
        showMissing(saved.coreTask);
        controls.saved();
        env.announce(t('coreTaskSaved'));
      } catch (error) {
        const current =
          error instanceof ApiError && error.status === 412 && error.current<OrganisationView>();
        if (!current) throw error;
        controls.conflict({
          label: t('coreTaskHeading'),
          theirs: described(draftOf(current)),
          mine: described(draft),
          onTakeTheirs: () => {
            etag = current.etag;
            draft = draftOf(current);
            showMissing(current.coreTask);
            fill();
          },
          onKeepMine: () => {
            etag = current.etag;
            return controls.run();
          },
        });
      }
    },
    { 'data-action': 'save-core-task' },
  );

  const guidanceId = uid('core-task-guidance');
  const fill = (): void => {
    onCoreTaskInput(draft.coreTask);
    replace(
      body,
      textField({
        label: t('coreTaskField'),
        value: draft.coreTask,
        multiline: true,
        rows: 4,
        maxlength: CORE_TASK_MAX,
        describedBy: guidanceId,
        attrs: { 'data-field': 'core-task' },
        onInput: (value) => {
          draft.coreTask = value;
          onCoreTaskInput(value);
        },
      }),
      h(
        'fieldset',
        { className: 'hr-contact' },
        h('legend', {}, t('hrContactHeading')),
        h('p', { className: 'muted' }, t('hrContactHelp')),
        textField({
          label: t('hrContactName'),
          value: draft.name,
          maxlength: 100,
          attrs: { autocomplete: 'name' },
          onInput: (value) => (draft.name = value),
        }),
        textField({
          label: t('hrContactEmail'),
          value: draft.email,
          type: 'email',
          maxlength: 254,
          attrs: { autocomplete: 'email' },
          onInput: (value) => (draft.email = value),
        }),
        textField({
          label: t('hrContactPhone'),
          value: draft.phone,
          type: 'tel',
          maxlength: 40,
          attrs: { autocomplete: 'tel' },
          onInput: (value) => (draft.phone = value),
        }),
      ),
    );
  };
  fill();

  return controls.watch(
    setupCard(
      t('coreTaskHeading'),
      'core-task',
      missing,
      h(
        'div',
        { className: 'notice', id: guidanceId },
        h('p', { className: 'notice-title' }, t('coreTaskGuidanceTitle')),
        h('p', {}, t('coreTaskGuidance')),
        h(
          'ul',
          {},
          h('li', {}, t('coreTaskGuideWho')),
          h('li', {}, t('coreTaskGuideWhat')),
          h('li', {}, t('coreTaskGuideShort')),
          h('li', {}, t('coreTaskGuideShared')),
          h('li', {}, t('coreTaskGuideNot')),
        ),
      ),
      body,
      controls.element(),
    ),
  );
}
