import { leaderBriefingCard } from '../../cards/step-1-leader-briefing-card.js';
import { roundTitle } from '../../mus/glossary.js';
import { leaders, type RolloutStep } from './rollout-step.js';

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
      summary:
        ctx.locale === 'en'
          ? `${roundTitle(ctx.round.name, ctx.round.kind)}: what changes for leaders`
          : `${roundTitle(ctx.round.name, ctx.round.kind)}: det nye for lederne`,
    }),
};
