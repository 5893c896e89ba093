import assert from 'node:assert/strict';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import { dueFollowThrough } from '../../../bot/mus/follow-through.js';
import { newRound, type Round } from '../../../bot/mus/round.js';
import { newSkema, type Skema, type SkemaStatus } from '../../../bot/mus/skema.js';

const LEADER = 'leder@kommune.dk';

function round(opts: { talksLaunched?: boolean; closedAt?: string } = {}): Round {
  const r = newRound({
    orgId: 'org',
    id: 'mus',
    name: 'MUS',
    createdBy: 'hr@kommune.dk',
    now: new Date('2026-08-01T08:00:00Z'),
    deadlines: ['2026-08-20', '2026-08-27', '2026-09-03', '2026-09-30', '2026-10-14'],
    template: defaultMusTemplate(),
  });
  return {
    ...r,
    steps: r.steps.map((s) =>
      s.step === 4 && opts.talksLaunched !== false
        ? { ...s, launchedAt: '2026-09-04T08:00:00Z' }
        : s,
    ),
    ...(opts.closedAt ? { closedAt: opts.closedAt } : {}),
  };
}

function skema(email: string, status: SkemaStatus, extra: Partial<Skema> = {}): Skema {
  const s = newSkema({
    orgId: 'org',
    roundId: 'mus',
    employeeEmail: email,
    leaderEmail: LEADER,
    template: defaultMusTemplate(),
    now: new Date('2026-09-03T08:00:00Z'),
    by: 'hr@kommune.dk',
  });
  return { ...s, status, ...extra };
}

const at = (iso: string) => new Date(iso);

describe('who the round’s follow-through reminds, and when', () => {
  it('reminds the leader of talks not held only after the talks’ deadline day, and only while the round is open', () => {
    const skemas = [skema('a@k.dk', 'sent'), skema('b@k.dk', 'prepared'), skema('c@k.dk', 'held')];
    assert.deepEqual(dueFollowThrough(round(), skemas, at('2026-09-30T22:00:00Z')), []);
    assert.deepEqual(dueFollowThrough(round(), skemas, at('2026-10-01T00:00:00Z')), [
      { kind: 'talks-not-held', leaderEmail: LEADER },
    ]);
    assert.deepEqual(
      dueFollowThrough(
        round({ closedAt: '2026-10-01T00:00:00Z' }),
        skemas,
        at('2026-10-02T00:00:00Z'),
      ),
      [],
    );
  });

  it('nothing is reminded before the talks are launched', () => {
    const skemas = [skema('a@k.dk', 'sent')];
    assert.deepEqual(
      dueFollowThrough(round({ talksLaunched: false }), skemas, at('2026-12-01T00:00:00Z')),
      [],
    );
  });

  it('reminds an employee a week after the summary was finalised, not before, and not once acknowledged', () => {
    const finalised = skema('a@k.dk', 'finalised', { finalisedAt: '2026-09-10T12:00:00Z' });
    const acknowledged = skema('b@k.dk', 'acknowledged', { finalisedAt: '2026-09-10T12:00:00Z' });
    assert.deepEqual(
      dueFollowThrough(round(), [finalised, acknowledged], at('2026-09-17T11:59:00Z')),
      [],
    );
    assert.deepEqual(
      dueFollowThrough(round(), [finalised, acknowledged], at('2026-09-17T12:00:00Z')),
      [{ kind: 'acknowledge', employeeEmail: 'a@k.dk' }],
    );
  });

  it('reminds the leader on the follow-up date, also after the round has closed, and up to three days late', () => {
    const s = skema('a@k.dk', 'acknowledged', {
      followUpDate: '2027-03-01',
      finalisedAt: '2026-09-10T12:00:00Z',
    });
    const closed = round({ closedAt: '2026-10-20T00:00:00Z' });
    const due = {
      kind: 'follow-up',
      leaderEmail: LEADER,
      employeeEmail: 'a@k.dk',
      date: '2027-03-01',
    };
    assert.deepEqual(dueFollowThrough(closed, [s], at('2027-02-28T23:00:00Z')), []);
    assert.deepEqual(dueFollowThrough(closed, [s], at('2027-03-01T06:00:00Z')), [due]);
    assert.deepEqual(dueFollowThrough(closed, [s], at('2027-03-04T06:00:00Z')), [due]);
    assert.deepEqual(dueFollowThrough(closed, [s], at('2027-03-05T06:00:00Z')), []);
  });
});
