import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  TEAM_ID,
  startRolloutHarness,
  teamMemberOf,
  teamsUserId,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

const LATE = 'ole.frederiksen@vandvaerk.example';

describe("the leader's step-4 card says how each employee's skema fared", function () {
  this.timeout(60_000);
  let h: RolloutHarness;

  before(async () => {
    h = await startRolloutHarness();
    // One employee is not in the team: the bot cannot reach them, so their skema waits for the app.
    h.fake.setMembers(TEAM_ID, h.people.filter((p) => p.email !== LATE).map(teamMemberOf));
    await h.installInTeam();
    assert.equal(await h.say(HR_EMAIL, 'ny runde MUS 2027'), 200);
    const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
    for (const step of [1, 2, 3, 4] as const) {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId: round!.id, step });
      await h.drain();
    }
  });
  after(async () => h.close());

  it('"Venter på appen" for the one the bot cannot reach, "Sendt" for those who have it', () => {
    const late = h.people.find((p) => p.email === LATE)!;
    const leader = h.people.find((p) => p.email === late.leaderEmail)!;
    const leaderChat = h.fake
      .createdConversations()
      .find((c) => c.memberIds[0] === teamsUserId(leader.email));
    assert.ok(leaderChat, 'the leader has a 1:1 chat with the bot');
    const cards = h.fake
      .sentTo(leaderChat.id)
      .flatMap((a) => (a.activity.attachments ?? []) as { content: unknown }[])
      .map((a) => cardText(a.content));
    const step4 = cards.findLast((text) => text.includes('Tid til samtalerne'));
    assert.ok(step4, 'the leader got the step-4 card');
    assert.ok(step4.includes(`${late.name}\nVenter på appen`), step4);
    const teammates = h.people.filter(
      (p) => p.leaderEmail === leader.email && p.email !== LATE && p.roles.includes('employee'),
    );
    assert.ok(teammates.length > 0);
    for (const mate of teammates) assert.ok(step4.includes(`${mate.name}\nSendt`), mate.name);
    assert.doesNotMatch(step4, /Skema sendt/);
  });
});
