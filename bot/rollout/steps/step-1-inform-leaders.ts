import { leaderBriefingCard } from '../../cards/step-1-leader-briefing-card.js';
import { roundTitle } from '../../mus/glossary.js';
import { leaders, type RolloutStep } from './rollout-step.js';
import { NOTIFICATION_TEXTS } from '../../../texts/notifications.js';
import { fill } from '../../../texts/fill.js';

/** Step 1, Informér lederne: every leader gets the briefing on the new way of holding MUS. */
export const informLeaders: RolloutStep = {
  step: 1,
  recipients: (people) => leaders(people).map((p) => ({ email: p.email, audience: 'leader' })),
  render: (ctx) =>
    Promise.resolve({
      card: leaderBriefingCard({
        locale: ctx.locale,
        leaderName: ctx.recipient.name,
        coreTask: ctx.org.coreTask,
        round: ctx.round,
        ...(ctx.org.hrContact ? { hrContact: ctx.org.hrContact } : {}),
      }),
      summary: fill(NOTIFICATION_TEXTS.step1Leaders, {
        round: roundTitle(ctx.round.name, ctx.round.kind),
      })[ctx.locale],
    }),
};
