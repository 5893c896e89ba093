import assert from 'node:assert/strict';
import type { RoundSummary } from '../../../bot/skema/my-rounds.js';
import type { SkemaStatus } from '../../../bot/mus/skema.js';
import { pickRound } from '../../../tab/src/views/home-view.js';
import { statusLabel } from '../../../tab/src/views/skema-parts.js';
import { dueNotice, SharedTalkClock } from '../../../tab/src/talk-clock-client.js';

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

describe('the tab: status words', () => {
  it('the employee sees their own skema as a draft until sent to the leader; others see it sent', () => {
    assert.equal(statusLabel('sent', true), 'Kladde');
    assert.equal(statusLabel('prepared', true), 'Sendt til leder');
    assert.equal(statusLabel('sent'), 'Sendt');
    assert.equal(statusLabel('prepared'), 'Forberedt');
    assert.equal(statusLabel('held'), 'Samtale i gang');
    assert.equal(statusLabel('finalised', true), 'Afsluttet af leder');
  });
});

describe("the tab: the talk's clock", () => {
  it('counts on from the server’s answer while running, and stands still while paused', async () => {
    let now = 1_000_000;
    const clock = new SharedTalkClock(
      {
        talkClock: () => Promise.reject(new Error('offline')),
        changeTalkClock: (action) =>
          Promise.resolve({
            etag: 'e2',
            clock: {
              state: action === 'pause' ? 'paused' : 'running',
              startedAt: '2026-12-05T10:00:00Z',
              endedAt: null,
              elapsedMs: 600_000,
              remainingMs: 35 * 60_000,
            },
          }),
      },
      {
        state: 'running',
        startedAt: '2026-12-05T10:00:00Z',
        endedAt: null,
        elapsedMs: 0,
        remainingMs: 45 * 60_000,
      },
      () => now,
    );
    now += 60_000;
    assert.equal(clock.remaining(), 44 * 60_000);
    await clock.act('pause');
    now += 60_000;
    assert.equal(clock.remaining(), 35 * 60_000, 'paused: the time stands');
    await clock.refresh(); // offline: the clock keeps what it had
    assert.equal(clock.remaining(), 35 * 60_000);
  });

  it('gives the 10-minute notice once, then the 5-minute one, and none over time', () => {
    const shown = new Set<number>();
    assert.equal(dueNotice(11 * 60_000, shown), undefined);
    assert.equal(dueNotice(9 * 60_000, shown), 10);
    shown.add(10);
    assert.equal(dueNotice(8 * 60_000, shown), undefined);
    assert.equal(dueNotice(4 * 60_000, shown), 5);
    shown.add(5);
    assert.equal(dueNotice(-60_000, new Set()), undefined);
  });
});
