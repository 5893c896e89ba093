import { may } from '../../mus/access-rules.js';
import { recordStepLaunch, roundNotFound } from '../../rollout/launch-step.js';
import type { ResendableStatus } from '../../rollout/delivery.js';
import type { BotServices } from '../bot-services.js';
import type { CardActionHandler, CardActionResult, Turn } from '../turn.js';
import { readPayload, resendPayload, roundPayload, stepPayload } from './card-payloads.js';
import { CHAT_TEXTS } from '../../../texts/chat.js';

const BAD_ACTION = {
  message: CHAT_TEXTS.roundActions.cardOutDateOr,
} satisfies CardActionResult;

function hrOnly(turn: Turn): CardActionResult | undefined {
  if (!turn.person) return { message: CHAT_TEXTS.commands.notOnRoster };
  if (!may.launchSteps(turn.person)) return { message: CHAT_TEXTS.commands.notHr };
  return undefined;
}

async function roundCardFor(
  services: BotServices,
  turn: Turn,
  roundId: string,
): Promise<CardActionResult> {
  const round = await services.repositories.rounds.get(turn.orgId, roundId);
  if (!round) throw roundNotFound();
  return { card: await services.announcer.card(round.value, turn.locale) };
}

/** HR sends a step's cards again to one group; the dispatcher takes them at once. */
async function resend(
  services: BotServices,
  turn: Turn,
  data: Record<string, unknown>,
  group: ResendableStatus,
): Promise<CardActionResult> {
  const refused = hrOnly(turn);
  if (refused) return refused;
  const payload = readPayload(stepPayload, data);
  if (!payload) return BAD_ACTION;
  const { roundId, step } = payload;
  await services.deliveries.moveStatus(turn.orgId, roundId, step, group, 'pending', services.now());
  services.wakeDispatcher();
  services.announcer.schedule(turn.orgId, roundId);
  return roundCardFor(services, turn, roundId);
}

/** The round card's buttons: launch a step, resend to failed recipients, refresh the view. */
export function roundActions(services: BotServices): Record<string, CardActionHandler> {
  return {
    'round.launchStep': async (turn, data) => {
      const refused = hrOnly(turn);
      if (refused) return refused;
      const payload = readPayload(stepPayload, data);
      if (!payload) return BAD_ACTION;
      const { roundId, step } = payload;
      // The click answers at once; the step's work (skemas, one card per recipient) runs in the
      // background and HR's card shows how far it has come.
      const launched = await recordStepLaunch(services, { by: turn.person!, roundId, step });
      services.prepareLaunchedStep(turn.orgId, roundId, step);
      return { card: await services.announcer.card(launched.round.value, turn.locale) };
    },
    'round.resendFailed': (turn, data) => resend(services, turn, data, 'failed'),
    'round.resend': (turn, data) => {
      const payload = readPayload(resendPayload, data);
      if (!payload) return Promise.resolve(BAD_ACTION);
      return resend(services, turn, data, payload.group);
    },
    'round.refresh': async (turn, data) => {
      // The card carries HR's counts: only HR may have it redrawn (Teams refreshes it for anyone who
      // sees it in the channel).
      const refused = hrOnly(turn);
      if (refused) return refused;
      const payload = readPayload(roundPayload, data);
      if (!payload) return BAD_ACTION;
      return roundCardFor(services, turn, payload.roundId);
    },
  };
}
