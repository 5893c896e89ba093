import { employeeInvitationCard } from '../../cards/step-2-employee-invitation-card.js';
import { roundTitle } from '../../mus/glossary.js';
import { leaderOf, participants, type RolloutStep } from './rollout-step.js';
import { NOTIFICATION_TEXTS } from '../../../texts/notifications.js';
import { fill } from '../../../texts/fill.js';

/** Step 2, Informér medarbejderne: every employee learns what the new MUS is for and what comes. */
export const informEmployees: RolloutStep = {
  step: 2,
  recipients: (people, round) =>
    participants(people, round).map((p) => ({ email: p.email, audience: 'employee' })),
  render: async (ctx) => {
    const leader = await leaderOf(ctx);
    return {
      card: employeeInvitationCard({
        locale: ctx.locale,
        employeeName: ctx.recipient.name,
        leaderName: leader?.name ?? '',
        coreTask: ctx.org.coreTask,
        round: ctx.round,
      }),
      summary: fill(NOTIFICATION_TEXTS.step2Employees, {
        round: roundTitle(ctx.round.name, ctx.round.kind),
      })[ctx.locale],
    };
  },
};
