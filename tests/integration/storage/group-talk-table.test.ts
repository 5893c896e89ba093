import assert from 'node:assert/strict';
import { defaultGrusTemplate } from '../../../bot/mus/default-template.js';
import { ConflictError, TooLargeError } from '../../../bot/mus/errors.js';
import { newGroupTalk, saveGroupNotes, type GroupTalk } from '../../../bot/mus/group-talk.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';

const NOW = new Date('2026-04-01T09:00:00Z');

function talk(leaderEmail = "o'brien#1@x.dk", roundId = 'grus-2026'): GroupTalk {
  return newGroupTalk({
    orgId: 'org/1',
    roundId,
    leaderEmail,
    members: [
      { email: 'a@x.dk', department: 'Drift' },
      { email: 'b@x.dk', department: 'Drift' },
    ],
    template: defaultGrusTemplate(),
    now: NOW,
  });
}

describe('the grouptalks table', function () {
  this.timeout(60_000);
  let storage: TestStorage;
  before(async () => {
    storage = await testStorage();
  });

  it('creates a team’s group talk once: a second create returns the stored one untouched', async () => {
    const repo = storage.repositories.groupTalks;
    const first = await repo.createIfAbsent(talk());
    assert.equal(first.created, true);
    const edited = await repo.update(
      saveGroupNotes(first.talk.value, { kerneopgaven: 'Noter' }, { by: 'x', now: NOW }),
      first.talk.etag,
    );
    const again = await repo.createIfAbsent(talk());
    assert.equal(again.created, false);
    assert.equal(again.talk.value.notes.kerneopgaven, 'Noter');
    assert.equal(again.talk.etag, edited.etag);
    const read = await repo.get('org/1', 'grus-2026', "o'brien#1@x.dk");
    assert.deepEqual(read?.value, edited.value);
  });

  it('refuses a stale write with ConflictError carrying the current version', async () => {
    const repo = storage.repositories.groupTalks;
    const { talk: stored } = await repo.createIfAbsent(talk('stale@x.dk'));
    const mine = await repo.update(
      saveGroupNotes(stored.value, { vaerdier: 'Først' }, { by: 'x', now: NOW }),
      stored.etag,
    );
    await assert.rejects(
      repo.update(
        saveGroupNotes(stored.value, { vaerdier: 'Gammel' }, { by: 'x', now: NOW }),
        stored.etag,
      ),
      (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        const current = error.current as { etag: string; value: GroupTalk };
        assert.equal(current.etag, mine.etag);
        assert.equal(current.value.notes.vaerdier, 'Først');
        return true;
      },
    );
  });

  it('lists a round’s group talks from one partition and removes one', async () => {
    const repo = storage.repositories.groupTalks;
    await repo.createIfAbsent(talk('l1@x.dk', 'grus-liste'));
    await repo.createIfAbsent(talk('l2@x.dk', 'grus-liste'));
    await repo.createIfAbsent(talk('l3@x.dk', 'en-anden'));
    const listed = await repo.listByRound('org/1', 'grus-liste');
    assert.deepEqual(listed.map((t) => t.value.leaderEmail).sort(), ['l1@x.dk', 'l2@x.dk']);
    await repo.remove('org/1', 'grus-liste', 'l1@x.dk');
    await repo.remove('org/1', 'grus-liste', 'l1@x.dk'); // already gone: fine
    assert.equal((await repo.listByRound('org/1', 'grus-liste')).length, 1);
  });

  it('keeps long notes (split JSON) and refuses an entity over Azure’s limit, writing nothing', async () => {
    const repo = storage.repositories.groupTalks;
    const { talk: stored } = await repo.createIfAbsent(talk('long@x.dk'));
    const sections = stored.value.template.sections.map((s) => s.id);
    const notes = Object.fromEntries(sections.map((id) => [id, 'æ'.repeat(4000)]));
    const saved = await repo.update(
      saveGroupNotes(stored.value, notes, { by: 'x', now: NOW }),
      stored.etag,
    );
    const read = await repo.get('org/1', 'grus-2026', 'long@x.dk');
    assert.deepEqual(read?.value.notes, notes);
    const huge: GroupTalk = {
      ...saved.value,
      members: Array.from({ length: 40_000 }, (_, i) => `m${i}@eksempel.dk`),
    };
    await assert.rejects(repo.update(huge, saved.etag), TooLargeError);
    assert.equal((await repo.get('org/1', 'grus-2026', 'long@x.dk'))?.etag, saved.etag);
  });
});
