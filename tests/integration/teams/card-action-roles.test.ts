import assert from 'node:assert/strict';
import { DEV_ORG_ID } from '../../../bot/config.js';
import type { Round } from '../../../bot/mus/round.js';
import {
  HR_EMAIL,
  startRolloutHarness,
  type InvokeResponse,
  type RolloutHarness,
} from '../../helpers/rollout-harness.js';

/*
 * Every card button checks who clicks, as the API does: verb × role over HTTP. A refusal is a short
 * message, never the card, and changes nothing in storage.
 */

const EMPLOYEE = 'ole.frederiksen@vandvaerk.example';
const LEADER = 'soren.dahl@vandvaerk.example';
const OTHER_EMPLOYEE = 'jens.madsen@vandvaerk.example';
const OUTSIDER = 'fremmed@andet.example';

type Card = { actions?: { verb?: string; data?: Record<string, unknown> }[] };

describe('card buttons check who clicks: verb × role over HTTP', function () {
  this.timeout(60_000);
  let h: RolloutHarness;
  let round: Round;
  let skemaData: Record<string, unknown>;

  const refused = (response: InvokeResponse, who: string): void => {
    assert.equal(response.type, 'application/vnd.microsoft.activity.message', who);
  };
  const storedSkema = async () =>
    (await h.storage.repositories.skemas.get(DEV_ORG_ID, round.id, EMPLOYEE))!;

  before(async () => {
    h = await startRolloutHarness();
    await h.installInTeam();
    await h.say(HR_EMAIL, 'ny runde MUS 2027');
    round = (await h.storage.repositories.rounds.list(DEV_ORG_ID))[0]!;
    for (const step of [1, 2, 3]) {
      await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step });
      await h.drain();
    }
    const card = h.fake
      .activities()
      .flatMap((a) => ((a.activity.attachments ?? []) as { content: Card }[]).map((x) => x.content))
      .filter((c) => JSON.stringify(c).includes(`"employeeEmail":"${EMPLOYEE}"`))
      .at(-1)!;
    skemaData = card.actions!.find((a) => a.verb === 'skema.save')!.data!;
  });
  after(async () => h.close());

  it("HR's round buttons: only HR gets the card; a leader, an employee and an outsider get a refusal", async () => {
    const verbs: [string, Record<string, unknown>][] = [
      ['round.refresh', { roundId: round.id }],
      ['round.launchStep', { roundId: round.id, step: 4 }],
      ['round.resend', { roundId: round.id, step: 2, group: 'failed' }],
      ['round.resendFailed', { roundId: round.id, step: 2 }],
    ];
    for (const [verb, data] of verbs) {
      for (const who of [LEADER, EMPLOYEE, OUTSIDER]) {
        refused(await h.click(who, verb, data), `${verb} by ${who}`);
      }
    }
    assert.equal(
      (await h.storage.repositories.rounds.get(DEV_ORG_ID, round.id))?.value.steps[3]?.launchedAt,
      undefined,
      'nobody but HR launched step 4',
    );
    const hr = await h.click(HR_EMAIL, 'round.refresh', { roundId: round.id });
    assert.equal(hr.type, 'application/vnd.microsoft.card.adaptive');
  });

  it("the skema's buttons: only the employee whose skema it is; their leader, HR, a colleague and an outsider change nothing", async () => {
    const before = await storedSkema();
    for (const verb of ['skema.save', 'skema.submit', 'skema.edit', 'skema.refresh']) {
      for (const who of [LEADER, HR_EMAIL, OTHER_EMPLOYEE, OUTSIDER]) {
        const response = await h.click(
          who,
          verb,
          { ...skemaData, answer_kerneopgaven: `skrevet af ${who}` },
          'personal',
        );
        refused(response, `${verb} by ${who}`);
      }
    }
    const after = await storedSkema();
    assert.equal(after.etag, before.etag, 'the skema is unchanged');
    const own = await h.click(
      EMPLOYEE,
      'skema.save',
      { ...skemaData, answer_kerneopgaven: 'Mit eget svar' },
      'personal',
    );
    assert.equal(own.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal((await storedSkema()).value.answers.kerneopgaven, 'Mit eget svar');
  });

  it('the summary’s acknowledge button and an agreement’s status are refused to anyone but their owner', async () => {
    for (const who of [LEADER, HR_EMAIL, OTHER_EMPLOYEE, OUTSIDER]) {
      refused(
        await h.click(
          who,
          'skema.acknowledge',
          { roundId: round.id, employeeEmail: EMPLOYEE, etag: 'x' },
          'personal',
        ),
        `acknowledge by ${who}`,
      );
      refused(
        await h.click(
          who,
          'agreement.setStatus',
          { roundId: round.id, employeeEmail: EMPLOYEE, agreementId: 'a1', status: 'done' },
          'personal',
        ),
        `agreement by ${who}`,
      );
    }
    assert.equal((await storedSkema()).value.acknowledgedAt, undefined);
  });
});
