import type { Person } from '../../mus/person.js';
import { evaluationCard } from '../../cards/step-5-evaluation-card.js';
import { leaders, participants, type RolloutStep } from './rollout-step.js';
import { NOTIFICATION_TEXTS } from '../../../texts/notifications.js';

/** Step 5, Evaluér MUS: leaders and employees evaluate the round anonymously. */
export const evaluate: RolloutStep = {
  step: 5,
  recipients: (people, round) => {
    const byEmail = new Map<string, Person>();
    for (const p of [...leaders(people), ...participants(people, round)]) byEmail.set(p.email, p);
    return [...byEmail.values()].map((p) => ({
      email: p.email,
      audience: p.roles.includes('leader') ? ('leader' as const) : ('employee' as const),
    }));
  },
  render: async (ctx) => {
    const answered = await ctx.repositories.evaluations.hasAnswered(
      ctx.org.id,
      ctx.round.id,
      ctx.recipient.email,
    );
    return {
      card: evaluationCard({ locale: ctx.locale, round: ctx.round, answered }),
      summary: NOTIFICATION_TEXTS.step5Evaluate[ctx.locale],
    };
  },
};
