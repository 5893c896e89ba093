import { AGREEMENT_STATUSES, AGREEMENT_STATUS_LABELS } from '../../../bot/mus/agreement.js';
import { ApiError, type SkemaKey } from '../api-client.js';
import type { AgreementStatus, AgreementView } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { h } from '../dom.js';
import { t, tr } from '../i18n.js';

/**
 * An agreement's status: a select for whoever may change it (its owner, the talk's leader), else a
 * pill. A change is saved at once; when the other party changed the agreement meanwhile (412), the
 * agreement takes their version and `onOutcome('changed')` lets the screen say so.
 */
export function agreementStatusControl(
  env: AppEnv,
  agreement: AgreementView,
  key: SkemaKey,
  onOutcome: (outcome: 'saved' | 'changed') => void,
): HTMLElement {
  if (!agreement.canUpdateStatus) {
    return h(
      'span',
      { className: `status-pill status-${agreement.status}` },
      tr(AGREEMENT_STATUS_LABELS[agreement.status]),
    );
  }
  const select = h(
    'select',
    { 'aria-label': t('agreementStatusFor', { what: agreement.what }) },
    ...AGREEMENT_STATUSES.map((s) =>
      h('option', { value: s, selected: s === agreement.status }, tr(AGREEMENT_STATUS_LABELS[s])),
    ),
  );
  const change = async (): Promise<void> => {
    const status = select.value as AgreementStatus;
    try {
      Object.assign(
        agreement,
        await env.api.updateAgreement(key, agreement.id, { status, etag: agreement.etag }),
      );
      onOutcome('saved');
    } catch (error) {
      const current =
        error instanceof ApiError && error.status === 412
          ? error.current<AgreementView>()
          : undefined;
      if (current) Object.assign(agreement, current);
      select.value = agreement.status;
      if (current) onOutcome('changed');
      else env.showError(error);
    }
  };
  select.addEventListener('change', () => void change());
  return select;
}
