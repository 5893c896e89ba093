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

/** The card's one verb: move the agreement's status on. */
export const AGREEMENT_SET_STATUS_VERB = 'agreement.setStatus';

/** What the buttons say: the status the click sets. */
const SET_STATUS_TITLES: Record<AgreementStatus, Bilingual> = {
  open: { da: 'Åbn igen', en: 'Reopen' },
  'in-progress': { da: 'I gang', en: 'In progress' },
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
            t({
              da: `Status er nu: ${AGREEMENT_STATUS_LABELS[view.agreement.status].da}. Tak!`,
              en: `The status is now: ${AGREEMENT_STATUS_LABELS[view.agreement.status].en}. Thank you!`,
            }),
            { color: 'Good', weight: 'Bolder' },
          ),
        ],
        { style: 'good' },
      ),
    ];
  }
  const message =
    notice.kind === 'conflict'
      ? {
          da: 'Aftalen er blevet ændret et andet sted, siden kortet blev vist. Her er den nyeste udgave; vælg status igen, hvis det stadig passer.',
          en: 'The agreement was changed elsewhere since this card was shown. Here is the latest version; choose the status again if it still applies.',
        }
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
  if (view.tabUrl)
    actions.push(openUrl(t({ da: 'Åbn i fanen', en: 'Open in the tab' }), view.tabUrl));
  return adaptiveCard(
    [
      heading(t({ da: 'Opfølgning på en aftale', en: 'Following up an agreement' })),
      text(
        view.reminder
          ? t({
              da: `Fristen for denne aftale er ${due}. Hvordan går det? Opdatér status, så I begge kan se, hvor den står.`,
              en: `This agreement is due on ${due}. How is it going? Update its status so you can both see where it stands.`,
            })
          : t({
              da: 'Her er aftalen, som den står nu.',
              en: 'Here is the agreement as it stands now.',
            }),
      ),
      ...noticeBlock(view),
      container([text(plain(agreement.what), { weight: 'Bolder' })], { style: 'emphasis' }),
      facts([
        [t({ da: 'Ansvarlig', en: 'Owner' }), plain(view.ownerName)],
        [t({ da: 'Frist', en: 'Due' }), due],
        [t({ da: 'Status', en: 'Status' }), t(AGREEMENT_STATUS_LABELS[agreement.status])],
        [
          t({ da: 'Aftalt i', en: 'Agreed in' }),
          t({
            da: `${plain(view.roundName)}: ${plain(view.employeeName)} og ${plain(view.leaderName)}`,
            en: `${plain(view.roundName)}: ${plain(view.employeeName)} and ${plain(view.leaderName)}`,
          }),
        ],
      ]),
      text(t({ da: 'Sæt status:', en: 'Set the status:' }), { isSubtle: true, size: 'Small' }),
    ],
    { actions },
  );
}
