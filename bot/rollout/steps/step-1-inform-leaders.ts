import { leaderBriefingCard } from '../../cards/step-1-leader-briefing-card.js';
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
      }),
      summary:
        ctx.locale === 'en'
          ? `MUS ${ctx.round.name}: what changes for leaders`
          : `MUS ${ctx.round.name}: det nye for lederne`,
    }),
};
