import { personRef } from '../../logger.js';
import {
  AGREEMENT_SET_STATUS_VERB,
  type AgreementCardNotice,
} from '../../cards/agreement-reminder-card.js';
import type { Bilingual } from '../../mus/bilingual.js';
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '../../mus/errors.js';
import { renderAgreementCard } from '../../rollout/agreement-reminders.js';
import { updateAgreement } from '../../skema/agreements.js';
import type { SkemaServices } from '../../skema/skema-services.js';
import type { BotServices } from '../bot-services.js';
import type { CardActionHandler, CardActionResult } from '../turn.js';
import { readPayload, agreementPayload } from './card-payloads.js';
import { CHAT_TEXTS } from '../../../texts/chat.js';

const NOT_YOURS: Bilingual = CHAT_TEXTS.agreementActions.notYours;
const MALFORMED: Bilingual = CHAT_TEXTS.agreementActions.malformed;
const GONE: Bilingual = CHAT_TEXTS.agreementActions.gone;

/**
 * The agreement card's status buttons. The status changes through the same use case as the tab's
 * (its owner or the leader of the talk may change it); the answer is the card again, built from
 * storage. Anyone else is refused with a message and sees nothing of the agreement.
 */
export function agreementActions(
  bot: BotServices,
  skema: SkemaServices,
): Record<string, CardActionHandler> {
  const setStatus: CardActionHandler = async (turn, data): Promise<CardActionResult> => {
    const person = turn.person;
    if (!person) return { message: CHAT_TEXTS.commands.notOnRoster };
    const input = readPayload(agreementPayload, data);
    if (!input) return { message: MALFORMED };
    const ref = { roundId: input.roundId, employeeEmail: input.employeeEmail };
    let notice: AgreementCardNotice;
    try {
      await updateAgreement(skema, person, ref, input.agreementId, {
        status: input.status,
        etag: input.etag,
      });
      notice = { kind: 'updated' };
    } catch (error) {
      if (error instanceof ForbiddenError) {
        bot.log.warn(
          { by: personRef(person.email), roundId: input.roundId, agreementId: input.agreementId },
          'agreement status change by someone else refused',
        );
        return { message: NOT_YOURS };
      }
      if (error instanceof NotFoundError) return { message: GONE };
      if (error instanceof ConflictError) notice = { kind: 'conflict' };
      else if (error instanceof DomainError) notice = { kind: 'error', message: error.userMessage };
      else throw error;
    }
    const stored = await bot.repositories.agreements.get(
      person.orgId,
      input.roundId,
      input.employeeEmail,
      input.agreementId,
    );
    if (!stored) return { message: GONE };
    const rendered = await renderAgreementCard(bot.repositories, bot.links, turn.locale, stored, {
      reminder: false,
      notice,
    });
    return { card: rendered.card };
  };
  return { [AGREEMENT_SET_STATUS_VERB]: setStatus };
}
