import assert from 'node:assert/strict';
import type { RoundSummary } from '../../../bot/skema/my-rounds.js';
import type { SkemaStatus } from '../../../bot/mus/skema.js';
import { pickRound } from '../../../tab/src/views/home-view.js';

function round(id: string, parts: Partial<RoundSummary> = {}): RoundSummary {
  return {
    id,
    name: id,
    kind: 'MUS',
    createdAt: '2026-01-01T00:00:00Z',
    closedAt: null,
    steps: [],
    roles: ['employee'],
    mySkema: null,
    team: null,
    ...parts,
  };
}

function mine(status: SkemaStatus): RoundSummary['mySkema'] {
  return { status, leaderEmail: 'leder@x.dk', talkAt: null };
}

function team(counts: Partial<Record<SkemaStatus, number>>): RoundSummary['team'] {
  const byStatus = { sent: 0, prepared: 0, held: 0, finalised: 0, acknowledged: 0, ...counts };
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}

describe('the tab: which round home opens', () => {
  it('the round asked for, whatever it holds', () => {
    const rounds = [round('new'), round('old', { closedAt: '2026-06-01T00:00:00Z' })];
    assert.equal(pickRound(rounds, 'old')?.id, 'old');
  });

  it('an older open round with a summary to acknowledge before a newer one with nothing to do', () => {
    const rounds = [
      round('grus-2027', { mySkema: mine('acknowledged') }),
      round('mus-2026', { mySkema: mine('finalised') }),
    ];
    assert.equal(pickRound(rounds)?.id, 'mus-2026');
  });

  it("a leader's round with talks still to hold before a newer one where all are finalised", () => {
    const rounds = [
      round('lus-2027', { roles: ['leader'], team: team({ finalised: 3 }) }),
      round('mus-2026', { roles: ['leader'], team: team({ finalised: 2, held: 1 }) }),
    ];
    assert.equal(pickRound(rounds)?.id, 'mus-2026');
  });

  it('never a closed round for work left in it; then the newest open one, then the newest', () => {
    const closed = '2026-06-01T00:00:00Z';
    assert.equal(
      pickRound([
        round('a', { mySkema: mine('acknowledged') }),
        round('b', { closedAt: closed, mySkema: mine('sent') }),
      ])?.id,
      'a',
    );
    assert.equal(
      pickRound([round('a', { closedAt: closed }), round('b', { closedAt: closed })])?.id,
      'a',
    );
    assert.equal(pickRound([]), undefined);
  });
});
