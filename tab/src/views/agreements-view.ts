import { ApiError, type SkemaKey } from '../api-client.js';
import type { AgreementView, SkemaView } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { button, h, replace, uid } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { agreementStatusControl } from './agreement-status.js';

/*
 * The skema's agreements (section 7: what, who, by when). The leader adds and removes them until the
 * talk is finalised; afterwards, and for the employee, only the status moves on — for whoever the
 * server says may (the agreement's owner or the leader).
 */

function ownerName(view: SkemaView, email: string, viewerEmail: string): string {
  const name =
    email === view.employee.email
      ? view.employee.name
      : email === view.leader.email
        ? view.leader.name
        : email;
  return email === viewerEmail ? t('agreementOwnerYou', { name }) : name;
}

export function agreementsSection(
  env: AppEnv,
  view: SkemaView,
  headingLevel: 'h2' | 'h3' = 'h2',
): HTMLElement {
  const key: SkemaKey = { roundId: view.roundId, email: view.employee.email };
  const agreements: AgreementView[] = [...view.agreements];
  const headingId = uid('agreements');
  const list = h('ul', { className: 'agreements' });
  const notice = h('p', { className: 'notice', role: 'status' });

  const render = (): void => {
    if (agreements.length === 0) {
      replace(list, h('li', { className: 'muted' }, t('agreementsEmpty')));
      return;
    }
    replace(list, ...agreements.map((a) => item(a)));
  };

  const item = (agreement: AgreementView): HTMLElement => {
    const statusControl = agreementStatusControl(env, agreement, key, (outcome) => {
      notice.textContent = outcome === 'changed' ? t('agreementChanged') : '';
      if (outcome === 'changed') render();
    });
    return h(
      'li',
      { className: 'agreement', 'data-agreement-id': agreement.id },
      h('p', { className: 'user-text agreement-what' }, agreement.what),
      h(
        'dl',
        { className: 'facts' },
        h('dt', {}, t('responsible')),
        h('dd', {}, ownerName(view, agreement.ownerEmail, env.me.email)),
        h('dt', {}, t('due')),
        h('dd', {}, formatDate(agreement.dueDate)),
        h('dt', {}, t('agreementStatus')),
        h('dd', {}, statusControl),
      ),
      view.can.manageAgreements &&
        button(t('agreementRemove'), () => remove(agreement), {
          className: 'secondary small',
          'aria-label': t('agreementRemoveFor', { what: agreement.what }),
        }),
    );
  };

  const remove = async (agreement: AgreementView): Promise<void> => {
    try {
      await env.api.removeAgreement(key, agreement.id);
      const at = agreements.indexOf(agreement);
      agreements.splice(at, 1);
      render();
      offerUndo(agreement, at);
    } catch (error) {
      env.showError(error);
    }
  };

  // A removal in the middle of a talk is easily a slip: it can be taken back (written anew, with
  // the same text, owner and due date; its status starts over).
  const undo = h('div', { className: 'notice undo', role: 'status' });
  const offerUndo = (removed: AgreementView, at: number): void => {
    const back = button(
      t('agreementUndo'),
      async () => {
        back.disabled = true;
        try {
          const added = await env.api.addAgreement(key, {
            what: removed.what,
            ownerEmail: removed.ownerEmail,
            dueDate: removed.dueDate,
          });
          agreements.splice(Math.min(at, agreements.length), 0, added);
          replace(undo);
          render();
          env.announce(t('agreementRestored'));
        } catch (error) {
          back.disabled = false;
          env.showError(error);
        }
      },
      { className: 'secondary small', 'aria-label': t('agreementUndoFor', { what: removed.what }) },
    );
    replace(undo, t('agreementRemoved', { what: removed.what }), ' ', back);
    back.focus();
  };

  render();
  return h(
    'section',
    { className: 'card', 'aria-labelledby': headingId },
    h(headingLevel, { id: headingId }, t('agreementsHeading')),
    list,
    notice,
    undo,
    view.can.manageAgreements &&
      addForm(env, view, key, (added) => {
        agreements.push(added);
        render();
        env.announce(t('agreementAdded'));
      }),
  );
}

function addForm(
  env: AppEnv,
  view: SkemaView,
  key: SkemaKey,
  onAdded: (agreement: AgreementView) => void,
): HTMLElement {
  const whatId = uid('agreement-what');
  const ownerId = uid('agreement-owner');
  const dueId = uid('agreement-due');
  const what = h('input', { id: whatId, type: 'text', maxlength: 1000, required: true });
  const owner = h(
    'select',
    { id: ownerId },
    h('option', { value: view.employee.email }, ownerName(view, view.employee.email, env.me.email)),
    h('option', { value: view.leader.email }, ownerName(view, view.leader.email, env.me.email)),
  );
  const due = h('input', { id: dueId, type: 'date', required: true });
  const error = h('p', { className: 'field-error', role: 'alert' });
  const submit = h(
    'button',
    { type: 'submit', 'aria-label': t('agreementAdd') },
    t('agreementAddShort'),
  );
  const form = h(
    'form',
    { className: 'agreement-form' },
    h('div', { className: 'field wide' }, h('label', { for: whatId }, t('agreementWhat')), what),
    h('div', { className: 'field' }, h('label', { for: ownerId }, t('agreementOwner')), owner),
    h('div', { className: 'field' }, h('label', { for: dueId }, t('agreementDue')), due),
    h('div', { className: 'field add' }, submit),
    error,
  );
  const add = async (): Promise<void> => {
    try {
      const added = await env.api.addAgreement(key, {
        what: what.value,
        ownerEmail: owner.value,
        dueDate: due.value,
      });
      what.value = '';
      due.value = '';
      onAdded(added);
      what.focus();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : t('unexpected');
    }
  };
  form.noValidate = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!what.value.trim() || !due.value) {
      error.textContent = t('agreementNeedsText');
      return;
    }
    error.textContent = '';
    submit.disabled = true;
    void add().finally(() => {
      submit.disabled = false;
    });
  });
  return form;
}
