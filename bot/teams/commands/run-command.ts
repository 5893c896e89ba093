import { roundCard } from '../../cards/round-card.js';
import { formatDate } from '../../cards/format.js';
import { may } from '../../mus/access-rules.js';
import { DomainError } from '../../mus/errors.js';
import { stepDefinition } from '../../mus/rollout-steps.js';
import { createRound } from '../../rollout/create-round.js';
import { BOT_MENTION } from '../../mus/glossary.js';
import { CHAT_TEXTS } from '../../../texts/chat.js';
import { fill } from '../../../texts/fill.js';
import type { BotServices } from '../bot-services.js';
import type { Command } from '../parse-command.js';
import type { Turn } from '../turn.js';
import { NOTIFICATION_TEXTS } from '../../../texts/notifications.js';

/**
 * Answers a typed command. HR's commands (new round, status, rounds) work for people with the hr
 * role; everybody else gets the general help or a polite refusal.
 */
export async function runCommand(
  services: BotServices,
  turn: Turn,
  command: Command,
): Promise<void> {
  const t = (text: { da: string; en: string }): string => text[turn.locale];
  const person = turn.person;
  const isHr = person !== undefined && may.manageRounds(person);
  if (command.kind === 'help') {
    await turn.reply({
      text: t(
        isHr ? fill(CHAT_TEXTS.commands.hrHelp, { mention: BOT_MENTION }) : CHAT_TEXTS.bot.help,
      ),
    });
    return;
  }
  if (command.kind === 'unknown') {
    await turn.reply({ text: t(CHAT_TEXTS.commands.unknown) });
    return;
  }
  if (!person) {
    await turn.reply({ text: t(CHAT_TEXTS.commands.notOnRoster) });
    return;
  }
  if (!isHr) {
    await turn.reply({ text: t(CHAT_TEXTS.commands.notHr) });
    return;
  }

  if (command.kind === 'new-round') {
    if (!command.name) {
      await turn.reply({ text: t(CHAT_TEXTS.commands.roundNameMissing) });
      return;
    }
    try {
      const created = await createRound(services, {
        by: person,
        name: command.name,
        kind: command.roundKind,
      });
      const card = roundCard({ locale: turn.locale, round: created.value, progress: {} });
      const activityId = await turn.reply({ card, summary: created.value.name });
      if (activityId) {
        await services.repositories.rounds.update(
          {
            ...created.value,
            announcement: {
              conversationKey: turn.conversationKey,
              activityId,
              locale: turn.locale,
            },
          },
          created.etag,
        );
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await turn.reply({ text: t(error.userMessage) });
    }
    return;
  }

  const rounds = await services.repositories.rounds.list(person.orgId);
  if (rounds.length === 0) {
    await turn.reply({ text: t(CHAT_TEXTS.commands.noRounds) });
    return;
  }
  if (command.kind === 'rounds') {
    const lines = rounds.map((r) => {
      const launched = r.steps.filter((s) => s.launchedAt).length;
      return fill(NOTIFICATION_TEXTS.roundLine, {
        round: r.name,
        created: { da: formatDate(r.createdAt, 'da'), en: formatDate(r.createdAt, 'en') },
        launched,
      })[turn.locale];
    });
    await turn.reply({ text: lines.join('\n') });
    return;
  }
  // status: the newest round's card with live counts, and a one-line summary.
  const newest = rounds[0]!;
  const next = newest.steps.find((s) => !s.launchedAt);
  const summary = (
    next
      ? fill(NOTIFICATION_TEXTS.nextStep, {
          step: next.step,
          name: stepDefinition(next.step).name,
        })
      : NOTIFICATION_TEXTS.allStepsLaunched
  )[turn.locale];
  await turn.reply({ card: await services.announcer.card(newest, turn.locale), summary });
}
