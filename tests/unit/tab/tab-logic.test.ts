import assert from 'node:assert/strict';
import type { TeamMember } from '../../../bot/skema/leader-team.js';
import { meetingEmployee } from '../../../tab/src/meeting-target.js';
import { parseRoute, routeFromSubEntity, routeHash } from '../../../tab/src/routes.js';
import { formatDuration } from '../../../tab/src/talk-clock-client.js';

function member(email: string, status: TeamMember['status'], talkAt: string | null): TeamMember {
  return {
    email,
    name: email,
    department: 'Drift',
    status,
    delivery: null,
    talkAt,
    preparedAt: null,
    heldAt: null,
    finalisedAt: null,
    acknowledgedAt: null,
    followUpDate: null,
  };
}

describe('the tab: which employee a meeting is about', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const team = [
    member('a@x.dk', 'prepared', '2026-03-02T10:15:00Z'),
    member('b@x.dk', 'sent', '2026-03-02T14:00:00Z'),
    member('c@x.dk', 'not-sent', '2026-03-02T10:00:00Z'),
  ];

  it('is the one employee whose talk is planned within 90 minutes of now', () => {
    assert.equal(meetingEmployee(team, null, now), 'a@x.dk');
  });

  it('is the employee chosen in this meeting before, over the planned time', () => {
    assert.equal(meetingEmployee(team, 'b@x.dk', now), 'b@x.dk');
  });

  it('is nobody (the leader picks) when two talks are near or none is', () => {
    const two = [...team, member('d@x.dk', 'sent', '2026-03-02T09:30:00Z')];
    assert.equal(meetingEmployee(two, null, now), undefined);
    assert.equal(meetingEmployee(team, null, new Date('2026-03-05T10:00:00Z')), undefined);
  });

  it('never picks someone without a skema, even if remembered', () => {
    assert.equal(meetingEmployee(team, 'c@x.dk', new Date('2026-03-05T10:00:00Z')), undefined);
  });
});

describe("the tab: the talk clock's display", () => {
  it('shows minutes and seconds, also over time', () => {
    assert.equal(formatDuration(45 * 60_000), '45:00');
    assert.equal(formatDuration(59_999), '00:59');
    assert.equal(formatDuration(-190_000), '03:10');
  });
});

describe('the tab: screens in the URL', () => {
  it('round-trips a skema route with an email and odd round id', () => {
    const route = {
      name: 'skema',
      roundId: 'mus.2026_a',
      email: 'pernille.krogh@vandvaerk.example',
    } as const;
    assert.deepEqual(parseRoute(routeHash(route)), route);
  });

  it('reads a deep link sub-entity skema:<roundId>:<email>', () => {
    assert.deepEqual(routeFromSubEntity('skema:mus-2026:a@x.dk'), {
      name: 'skema',
      roundId: 'mus-2026',
      email: 'a@x.dk',
    });
    assert.equal(routeFromSubEntity('noget-andet'), undefined);
  });

  it("round-trips HR's setup, with and without a round", () => {
    assert.deepEqual(parseRoute(routeHash({ name: 'setup' })), { name: 'setup' });
    const route = { name: 'setup', roundId: 'mus 2026/æ' } as const;
    assert.deepEqual(parseRoute(routeHash(route)), route);
  });

  it('knows the privacy and terms pages the manifest links to', () => {
    assert.deepEqual(parseRoute('#privatliv'), { name: 'privacy' });
    assert.deepEqual(parseRoute('#vilkaar'), { name: 'terms' });
  });
});
