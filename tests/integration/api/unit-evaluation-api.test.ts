import assert from 'node:assert/strict';
import type { UnitEvaluation } from '../../../bot/evaluation/unit-evaluation.js';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import { EVALUATION_STATEMENTS } from '../../../bot/mus/evaluation.js';
import { newRound } from '../../../bot/mus/round.js';
import { newSkema } from '../../../bot/mus/skema.js';
import { NOW, ORG, PEOPLE, startApiTestApp, type ApiTestApp } from './api-test-app.js';

const { leader: SOREN, employee: PERNILLE, otherLeader: ANJA, hr: HR } = PEOPLE;

/*
 * Step 5 evaluated together with the leaders: each leader sees their own unit's results beside the
 * whole organisation's, exactly as far as HR's overview releases them, and never the comments.
 */
describe('a leader’s view of their unit’s evaluation', function () {
  this.timeout(60_000);
  let app: ApiTestApp;

  /** A closed round where Søren leads Kundeservice, with answers per department as given. */
  async function closedRound(id: string, answersPer: Record<string, number>): Promise<string> {
    const { rounds, skemas, evaluations } = app.repositories;
    const round = newRound({
      orgId: ORG,
      id,
      name: `MUS ${id}`,
      createdBy: HR,
      now: NOW,
      template: defaultMusTemplate(),
    });
    await rounds.create({
      ...round,
      steps: round.steps.map((s) => ({ ...s, launchedAt: NOW.toISOString() })),
      closedAt: NOW.toISOString(),
    });
    await skemas.createIfAbsent(
      newSkema({
        orgId: ORG,
        roundId: id,
        employeeEmail: PERNILLE,
        leaderEmail: SOREN,
        department: 'Kundeservice',
        template: defaultMusTemplate(),
        now: NOW,
        by: HR,
      }),
    );
    let n = 0;
    for (const [department, count] of Object.entries(answersPer)) {
      for (let i = 0; i < count; i++) {
        n += 1;
        await evaluations.submit(
          { orgId: ORG, roundId: id, personEmail: `svar${n}@vandvaerk.example` },
          {
            orgId: ORG,
            roundId: id,
            id: 'x',
            respondentRole: 'employee',
            department,
            scores: Object.fromEntries(EVALUATION_STATEMENTS.map((s) => [s.id, 4])),
            comment: `Kommentar fra ${department} nr. ${i}`,
          },
        );
      }
    }
    return id;
  }

  const evaluationOf = async (roundId: string, as: string) =>
    app.call<UnitEvaluation>('GET', `/api/rounds/${roundId}/evaluation`, { as });

  before(async () => {
    app = await startApiTestApp();
  });
  after(async () => app.close());

  it('shows the leader the whole organisation and their own department, without comments', async () => {
    const roundId = await closedRound('eval-a', { Kundeservice: 6, Drift: 5, Udvikling: 5 });
    const res = await evaluationOf(roundId, SOREN);

    assert.equal(res.status, 200, JSON.stringify(res.body));
    const view = res.body;
    assert.deepEqual(view.departments, ['Kundeservice']);
    assert.equal(view.answers, 16);
    assert.deepEqual(
      view.groups.map((g) => [g.kind, g.department ?? null, g.answers]),
      [
        ['all', null, 16],
        ['department', 'Kundeservice', 6],
      ],
    );
    assert.ok(
      view.groups.every((g) => g.comments.length === 0),
      'comments stay with HR',
    );
    assert.doesNotMatch(JSON.stringify(view), /Kommentar fra|Drift|Udvikling/);
  });

  it('a unit too small to be shown on its own is shown only inside the merged group HR sees', async () => {
    const roundId = await closedRound('eval-b', { Kundeservice: 3, Drift: 3, Udvikling: 6 });
    const view = (await evaluationOf(roundId, SOREN)).body;

    const kinds = view.groups.map((g) => g.kind);
    assert.ok(!view.groups.some((g) => g.kind === 'department' && g.department === 'Kundeservice'));
    const merged = view.groups.find((g) => g.kind === 'others');
    assert.ok(merged, `the merged group is shown (${kinds.join(', ')})`);
    assert.ok(merged.departments?.includes('Kundeservice'));
    assert.ok(merged.answers >= 5);
  });

  it('is refused to people who lead nobody in the round', async () => {
    const roundId = 'eval-a';
    assert.equal((await evaluationOf(roundId, PERNILLE)).status, 403);
    assert.equal((await evaluationOf(roundId, ANJA)).status, 403);
    assert.equal((await evaluationOf('no-such-round', SOREN)).status, 404);
  });
});
