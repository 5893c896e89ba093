import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEV_ORG_ID } from '../../../bot/config.js';
import { newDelivery, type Delivery } from '../../../bot/rollout/delivery.js';
import { wakeWaitingCards } from '../../../bot/rollout/wake-waiting.js';
import { cardText } from '../../helpers/card-validation.js';
import {
  HR_EMAIL,
  TEAM_ID,
  TENANT,
  startRolloutHarness,
  teamMemberOf,
  teamsUserId,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

const LATE = 'ole.frederiksen@vandvaerk.example';

describe('nobody is left behind: cards wait for the app and go out by themselves', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let roundId: string;

  async function rowOf(email: string, step: 1 | 2): Promise<Delivery | undefined> {
    const rows = await h.storage.deliveries.list(DEV_ORG_ID, roundId, step);
    return rows.find((r) => r.recipientEmail === email && r.audience === 'employee');
  }

  before(async () => {
    h = await startRolloutHarness();
    // One employee is not in the team yet when the bot reads it: the bot does not know them.
    const members = h.people.filter((p) => p.email !== LATE).map(teamMemberOf);
    h.fake.setMembers(TEAM_ID, members);
    await h.installInTeam();
    assert.equal(await h.say(HR_EMAIL, 'ny runde MUS 2027'), 200);
    const [round] = await h.storage.repositories.rounds.list(DEV_ORG_ID);
    roundId = round!.id;
    await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 1 });
    await h.drain();
    await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 2 });
    await h.drain();
  });
  after(async () => h.close());

  it('someone the bot cannot reach yet is "venter på appen", counted apart from failed and not installed', async () => {
    assert.equal((await rowOf(LATE, 2))?.status, 'waiting');
    const counts = await h.storage.deliveries.counts(DEV_ORG_ID, roundId, 2);
    assert.equal(counts.waiting, 1);
    assert.equal(counts.failed, 0);
    assert.equal(counts.notInstalled, 0);
    const card = await h.click(HR_EMAIL, 'round.refresh', { roundId });
    assert.match(cardText(card.value), /venter på appen 1/);
    assert.match(JSON.stringify(card.value), /Prøv nu for dem, der venter på appen \(1\)/);
  });

  it('when they install the app, they get the step 2 card by themselves, with no HR action', async () => {
    const userId = teamsUserId(LATE);
    const conversationId = `a:personal-${userId}`;
    h.fake.setMembers(conversationId, [
      {
        id: userId,
        name: 'Ole Frederiksen',
        email: LATE,
        userPrincipalName: LATE,
        aadObjectId: `aad-${LATE}`,
        tenantId: TENANT,
      },
    ]);
    const install = await h.server.post({
      type: 'installationUpdate',
      action: 'add',
      id: 'f:install-ole',
      timestamp: new Date().toISOString(),
      serviceUrl: h.fake.url,
      channelId: 'msteams',
      from: { id: userId, name: 'Ole Frederiksen', aadObjectId: `aad-${LATE}` },
      recipient: { id: '28:bot', name: 'MUS' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      locale: 'da-DK',
    });
    assert.equal(install.status, 200);
    const until = Date.now() + 10_000;
    while ((await rowOf(LATE, 2))?.status !== 'sent') {
      if (Date.now() > until) throw new Error(`still ${(await rowOf(LATE, 2))?.status}`);
      await h.router.idle();
      await h.drain();
      await sleep(50);
    }
    const cards = h.fake.sentTo(conversationId);
    assert.equal(cards.length, 1, 'the step 2 card reached their chat, once');
    assert.equal((await h.storage.deliveries.counts(DEV_ORG_ID, roundId, 2)).waiting, 0);
  });

  it('a 1:1 chat that no longer exists is created again and the card sent once more', async () => {
    const hr = HR_EMAIL;
    const stored = await h.storage.repositories.conversations.getPersonal(DEV_ORG_ID, hr);
    assert.ok(stored, 'HR has a stored 1:1 chat');
    const gone = (stored.reference as { conversation: { id: string } }).conversation.id;
    h.fake.dropConversation(gone);
    const before = h.fake.createdConversations().length;
    await h.click(HR_EMAIL, 'round.launchStep', { roundId, step: 3 });
    await h.drain();
    assert.ok(h.fake.createdConversations().length > before, 'the chat was created anew');
    const rows = await h.storage.deliveries.list(DEV_ORG_ID, roundId, 3);
    const hrRow = rows.find((r) => r.recipientEmail === hr);
    assert.equal(hrRow?.status, 'sent');
    assert.notEqual(hrRow.conversationId, gone, 'sent to the new chat');
    const counts = await h.storage.deliveries.counts(DEV_ORG_ID, roundId, 3);
    assert.equal(counts.notInstalled + counts.failed + counts.waiting, 0);
  });

  it('before the deadline waiting cards are tried again; after it they are given up as not installed', async () => {
    const newcomer = 'ny.leder@vandvaerk.example';
    await h.storage.repositories.people.upsertRoster(DEV_ORG_ID, [
      ...(await h.storage.repositories.people.list(DEV_ORG_ID)),
      {
        orgId: DEV_ORG_ID,
        email: newcomer,
        name: 'Ny Leder',
        department: 'Drift',
        roles: ['leader'],
      },
    ]);
    await h.storage.deliveries.plan([
      newDelivery(
        { orgId: DEV_ORG_ID, roundId, step: 1, audience: 'leader', recipientEmail: newcomer },
        new Date(),
      ),
    ]);
    await h.drain();
    const status = async (): Promise<string | undefined> =>
      (await h.storage.deliveries.list(DEV_ORG_ID, roundId, 1)).find(
        (r) => r.recipientEmail === newcomer,
      )?.status;
    assert.equal(await status(), 'waiting');

    const deps = { repositories: h.storage.repositories, deliveries: h.storage.deliveries };
    const round = (await h.storage.repositories.rounds.get(DEV_ORG_ID, roundId))!.value;
    const deadline = round.steps[0]!.deadline;
    assert.ok((await wakeWaitingCards(deps, DEV_ORG_ID, new Date())) >= 1, 'before the deadline');
    assert.equal(await status(), 'pending');
    await h.drain();
    assert.equal(await status(), 'waiting', 'still unknown in Teams: waiting again');

    const dayAfter = new Date(`${deadline}T12:00:00Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    assert.equal(await wakeWaitingCards(deps, DEV_ORG_ID, dayAfter), 0);
    assert.equal(await status(), 'not-installed');
    const counts = await h.storage.deliveries.counts(DEV_ORG_ID, roundId, 1);
    assert.equal(counts.waiting, 0);
    assert.equal(counts.notInstalled, 1);
  });
});
