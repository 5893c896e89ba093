import assert from 'node:assert/strict';
import { groupTalkSubEntity } from '../../../bot/cards/tab-links.js';
import { parseRoute, routeFromSubEntity, routeHash } from '../../../tab/src/routes.js';
import { groupNotesBody } from '../../../tab/src/views/group-talk-view.js';

describe('the tab’s group talk route and notes', () => {
  it('#/group/<roundId>/<leaderEmail> round-trips, and the card’s deep link opens it', () => {
    const route = {
      name: 'group',
      roundId: 'grus-2026',
      leaderEmail: 'søren+x@vandvaerk.dk',
    } as const;
    assert.deepEqual(parseRoute(routeHash(route)), route);
    assert.deepEqual(routeFromSubEntity(groupTalkSubEntity('grus-2026', 'soren@x.dk')), {
      name: 'group',
      roundId: 'grus-2026',
      leaderEmail: 'soren@x.dk',
    });
  });

  it('sends only the changed notes, by section', () => {
    assert.deepEqual(groupNotesBody({ 'notes.aftaler': 'A', other: 'x' }, 'e1'), {
      notes: { aftaler: 'A' },
      etag: 'e1',
    });
  });
});
