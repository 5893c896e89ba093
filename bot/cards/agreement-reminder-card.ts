import {
  AGREEMENT_STATUSES,
  AGREEMENT_STATUS_LABELS,
  type Agreement,
  type AgreementStatus,
} from '../mus/agreement.js';
import type { Bilingual, Locale } from '../mus/bilingual.js';
import { TERMS } from '../mus/glossary.js';
import {
  adaptiveCard,
  container,
  execute,
  facts,
  heading,
  openUrl,
  plain,
  text,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './elements.js';
import { formatDate, translator } from './format.js';
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';
import { TERM_TEXTS } from '../../texts/terms.js';
import { STATUS_TEXTS } from '../../texts/status.js';

/** The card's one verb: move the agreement's status on. */
export const AGREEMENT_SET_STATUS_VERB = 'agreement.setStatus';

/** What the buttons say: the status the click sets. */
const SET_STATUS_TITLES: Record<AgreementStatus, Bilingual> = {
  open: CARDS_TEXTS.agreementReminder.open,
  'in-progress': STATUS_TEXTS.agreement.inProgress,
  done: TERMS.agreementDone,
  dropped: TERMS.agreementDropped,
};

export type AgreementCardNotice =
  { kind: 'updated' } | { kind: 'conflict' } | { kind: 'error'; message: Bilingual };

export interface AgreementCardView {
  locale: Locale;
  roundName: string;
  /** Whose talk the agreement was made in, and with which leader. */
  employeeName: string;
  leaderName: string;
  ownerName: string;
  agreement: Pick<Agreement, 'roundId' | 'employeeEmail' | 'id' | 'what' | 'dueDate' | 'status'>;
  etag: string;
  /** True when sent by the reminder job (the due date is near); false when shown after a click. */
  reminder: boolean;
  notice?: AgreementCardNotice;
  tabUrl?: string;
}

function noticeBlock(view: AgreementCardView): CardElement[] {
  const t = translator(view.locale);
  const notice = view.notice;
  if (!notice) return [];
  if (notice.kind === 'updated') {
    return [
      container(
        [
          text(
            t(
              fill(CARDS_TEXTS.agreementReminder.statusNowThankYou, {
                value: AGREEMENT_STATUS_LABELS[view.agreement.status],
              }),
            ),
            { color: 'Good', weight: 'Bolder' },
          ),
        ],
        { style: 'good' },
      ),
    ];
  }
  const message =
    notice.kind === 'conflict'
      ? CARDS_TEXTS.agreementReminder.agreementWasChangedElsewhere
      : notice.message;
  return [container([text(t(message), { color: 'Attention' })], { style: 'attention' })];
}

/**
 * Follow-up of one agreement (the method's third phase): sent to the agreement's owner a week before
 * its due date, with a button per status it can move to. A click answers with this card again, built
 * from storage, so the chat always shows the status as stored.
 */
export function agreementReminderCard(view: AgreementCardView): AdaptiveCard {
  const t = translator(view.locale);
  const { agreement } = view;
  const due = formatDate(agreement.dueDate, view.locale);
  const actions: CardAction[] = AGREEMENT_STATUSES.filter((s) => s !== agreement.status).map(
    (status) =>
      execute(
        t(SET_STATUS_TITLES[status]),
        AGREEMENT_SET_STATUS_VERB,
        {
          roundId: agreement.roundId,
          employeeEmail: agreement.employeeEmail,
          agreementId: agreement.id,
          status,
          etag: view.etag,
        },
        status === 'done' ? { style: 'positive' } : {},
      ),
  );
  if (view.tabUrl) actions.push(openUrl(t(CARDS_TEXTS.agreementReminder.openTab), view.tabUrl));
  return adaptiveCard(
    [
      heading(t(CARDS_TEXTS.agreementReminder.followingUpAgreement)),
      text(
        view.reminder
          ? t(fill(CARDS_TEXTS.agreementReminder.thisAgreementDueOn, { due }))
          : t(CARDS_TEXTS.agreementReminder.hereAgreementAsIt),
      ),
      ...noticeBlock(view),
      container([text(plain(agreement.what), { weight: 'Bolder' })], { style: 'emphasis' }),
      facts([
        [t(TERM_TEXTS.agreementOwner), plain(view.ownerName)],
        [t(TERM_TEXTS.agreementDue), due],
        [t(CARDS_TEXTS.agreementReminder.status), t(AGREEMENT_STATUS_LABELS[agreement.status])],
        [
          t(CARDS_TEXTS.agreementReminder.agreed),
          t(
            fill(CARDS_TEXTS.agreementReminder.text, {
              roundName: plain(view.roundName),
              employeeName: plain(view.employeeName),
              leaderName: plain(view.leaderName),
            }),
          ),
        ],
      ]),
      text(t(CARDS_TEXTS.agreementReminder.setStatus), { isSubtle: true, size: 'Small' }),
    ],
    { actions },
  );
}
