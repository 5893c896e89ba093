import { CORE_TASK_MAX } from '../../../bot/mus/organisation.js';
import { ApiError } from '../api-client.js';
import type { HrContact, OrganisationView } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { h, replace, uid } from '../dom.js';
import { SaveControls, setupCard, textField } from './setup-parts.js';
import { ts } from '../setup-texts.js';

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
  return `${draft.coreTask.trim()}\n\n${ts('hrContactHeading')}: ${who}`;
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
    missing.textContent = ts('coreTaskRequired');
  };
  showMissing(initial.coreTask);

  const controls = new SaveControls(
    ts('saveCoreTask'),
    async () => {
      try {
        const saved = await env.api.saveOrganisation(
          { coreTask: draft.coreTask, hrContact: contactOf(draft) },
          etag,
        );
        etag = saved.etag;
        showMissing(saved.coreTask);
        controls.saved();
        env.announce(ts('coreTaskSaved'));
      } catch (error) {
        const current =
          error instanceof ApiError && error.status === 412 && error.current<OrganisationView>();
        if (!current) throw error;
        controls.conflict({
          label: ts('coreTaskHeading'),
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
        label: ts('coreTaskField'),
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
        h('legend', {}, ts('hrContactHeading')),
        h('p', { className: 'muted' }, ts('hrContactHelp')),
        textField({
          label: ts('hrContactName'),
          value: draft.name,
          maxlength: 100,
          attrs: { autocomplete: 'name' },
          onInput: (value) => (draft.name = value),
        }),
        textField({
          label: ts('hrContactEmail'),
          value: draft.email,
          type: 'email',
          maxlength: 254,
          attrs: { autocomplete: 'email' },
          onInput: (value) => (draft.email = value),
        }),
        textField({
          label: ts('hrContactPhone'),
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
      ts('coreTaskHeading'),
      'core-task',
      missing,
      h(
        'div',
        { className: 'notice', id: guidanceId },
        h('p', { className: 'notice-title' }, ts('coreTaskGuidanceTitle')),
        h('p', {}, ts('coreTaskGuidance')),
        h(
          'ul',
          {},
          h('li', {}, ts('coreTaskGuideWho')),
          h('li', {}, ts('coreTaskGuideWhat')),
          h('li', {}, ts('coreTaskGuideShort')),
          h('li', {}, ts('coreTaskGuideShared')),
          h('li', {}, ts('coreTaskGuideNot')),
        ),
      ),
      body,
      controls.element(),
    ),
  );
}
