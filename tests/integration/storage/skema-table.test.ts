import assert from 'node:assert/strict';
import { ConflictError, TooLargeError } from '../../../bot/mus/errors.js';
import type { SkemaRepository } from '../../../bot/mus/repositories.js';
import { saveAnswers, saveTalkNotes, type Skema } from '../../../bot/mus/skema.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { NOW, ORG, skema } from './storage-fixtures.js';

const ROUND = 'mus-2026';
const BOSS = 'boss@kommune.dk';

describe('skemas in Table storage', () => {
  let storage: TestStorage;
  let skemas: SkemaRepository;

  beforeEach(async () => {
    storage = await testStorage();
    skemas = storage.repositories.skemas;
  });

  it('a skema created and read back is the same skema, with a version', async () => {
    const anna = saveAnswers(
      skema('anna@kommune.dk', BOSS),
      { kerneopgaven: 'Borgerne får hjælp i tide.' },
      { submit: true, by: 'anna@kommune.dk', now: NOW },
    );
    const { created, skema: stored } = await skemas.createIfAbsent(anna);
    assert.equal(created, true);
    const read = await skemas.get(ORG, ROUND, anna.employeeEmail);
    assert.deepEqual(read?.value, anna);
    assert.equal(read?.etag, stored.etag);
  });

  it('creating the same skema twice keeps the first and says so', async () => {
    const first = skema('anna@kommune.dk', BOSS);
    await skemas.createIfAbsent(first);
    const second = { ...first, updatedBy: 'someone-else' };
    const again = await skemas.createIfAbsent(second);
    assert.equal(again.created, false);
    assert.deepEqual(again.skema.value, first);
    assert.equal((await skemas.listByRound(ORG, ROUND)).length, 1);
  });

  it('two writers: the first update succeeds, the second gets a conflict carrying the first’s text', async () => {
    await skemas.createIfAbsent(skema('anna@kommune.dk', BOSS));
    const employeeRead = await skemas.get(ORG, ROUND, 'anna@kommune.dk');
    const leaderRead = await skemas.get(ORG, ROUND, 'anna@kommune.dk');
    assert.ok(employeeRead && leaderRead);

    const employeeText = 'Jeg vil gerne lære mere om sagsbehandling.';
    const employeeVersion = saveAnswers(
      employeeRead.value,
      { kerneopgaven: employeeText },
      { submit: false, by: 'anna@kommune.dk', now: NOW },
    );
    const saved = await skemas.update(employeeVersion, employeeRead.etag);
    assert.notEqual(saved.etag, employeeRead.etag);

    const leaderVersion = saveTalkNotes(
      leaderRead.value,
      { kerneopgaven: 'Aftalt: kursus i foråret.' },
      { by: BOSS, now: NOW },
    );
    const conflict = await skemas.update(leaderVersion, leaderRead.etag).then(
      () => assert.fail('the stale write was accepted'),
      (error: unknown) => error,
    );
    assert.ok(conflict instanceof ConflictError);

    const stored = await skemas.get(ORG, ROUND, 'anna@kommune.dk');
    assert.equal(stored?.etag, saved.etag);
    assert.equal(stored?.value.answers.kerneopgaven, employeeText);
    assert.deepEqual(stored?.value.talkNotes, {});
    // The conflict carries the first writer's version, so the second sees the text to merge with.
    assert.deepEqual(conflict.current, stored);
  });

  it('an update based on the latest version succeeds, and the next needs the new version', async () => {
    const { skema: first } = await skemas.createIfAbsent(skema('anna@kommune.dk', BOSS));
    const second = await skemas.update({ ...first.value, status: 'held' }, first.etag);
    const third = await skemas.update({ ...second.value, status: 'finalised' }, second.etag);
    assert.equal((await skemas.get(ORG, ROUND, 'anna@kommune.dk'))?.etag, third.etag);
    await assert.rejects(skemas.update(first.value, second.etag), ConflictError);
  });

  it('listByLeader returns exactly the leader’s skemas, each with its own version', async () => {
    await skemas.createIfAbsent(skema('anna@kommune.dk', BOSS));
    await skemas.createIfAbsent(skema('bo@kommune.dk', BOSS));
    await skemas.createIfAbsent(skema('carl@kommune.dk', 'other.boss@kommune.dk'));
    await skemas.createIfAbsent(skema('dina@kommune.dk', BOSS, 'another-round'));

    const mine = await skemas.listByLeader(ORG, ROUND, BOSS);
    assert.deepEqual(mine.map((s) => s.value.employeeEmail).sort(), [
      'anna@kommune.dk',
      'bo@kommune.dk',
    ]);
    for (const s of mine) {
      assert.equal((await skemas.get(ORG, ROUND, s.value.employeeEmail))?.etag, s.etag);
    }
    assert.equal((await skemas.listByRound(ORG, ROUND)).length, 3);
  });

  it('moving a skema to another leader moves it between the leaders’ lists', async () => {
    const { skema: stored } = await skemas.createIfAbsent(skema('anna@kommune.dk', BOSS));
    await skemas.update({ ...stored.value, leaderEmail: 'new.boss@kommune.dk' }, stored.etag);
    assert.deepEqual(await skemas.listByLeader(ORG, ROUND, BOSS), []);
    const moved = await skemas.listByLeader(ORG, ROUND, 'new.boss@kommune.dk');
    assert.deepEqual(
      moved.map((s) => s.value.employeeEmail),
      ['anna@kommune.dk'],
    );
  });

  it('an answer too large for storage is refused with TooLargeError and nothing is stored', async () => {
    const { skema: stored } = await skemas.createIfAbsent(skema('anna@kommune.dk', BOSS));
    const huge: Skema = { ...stored.value, answers: { kerneopgaven: 'x'.repeat(600_000) } };
    const error = await skemas.update(huge, stored.etag).then(
      () => assert.fail('the oversized skema was stored'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof TooLargeError);
    assert.match(error.userMessage.da, /^Kan ikke gemme skemaet/);
    assert.deepEqual(await skemas.get(ORG, ROUND, 'anna@kommune.dk'), stored);

    const other = {
      ...skema('bo@kommune.dk', BOSS),
      answers: { kerneopgaven: 'y'.repeat(600_000) },
    };
    await assert.rejects(skemas.createIfAbsent(other), TooLargeError);
    assert.equal(await skemas.get(ORG, ROUND, 'bo@kommune.dk'), undefined);
    assert.equal((await skemas.listByLeader(ORG, ROUND, BOSS)).length, 1);
  });

  it('a skema with fifteen long answers is stored although its JSON exceeds one property', async () => {
    const base = skema('anna@kommune.dk', BOSS);
    const sections = Array.from({ length: 15 }, (_, i) => ({
      id: `q${i}`,
      kind: 'question' as const,
      title: { da: `Spørgsmål ${i}`, en: `Question ${i}` },
      prompt: { da: 'Hvad?', en: 'What?' },
    }));
    const answers = Object.fromEntries(sections.map((s) => [s.id, 'æ'.repeat(4000)]));
    const big: Skema = { ...base, template: { sections }, answers, talkNotes: answers };
    await skemas.createIfAbsent(big);
    assert.deepEqual((await skemas.get(ORG, ROUND, 'anna@kommune.dk'))?.value, big);
  });

  it('emails with / # ? and % round-trip in skemas and the leader index', async () => {
    const odd = skema('a/b#c?d%e@x.dk', 'l/e#a?d%r@x.dk');
    await skemas.createIfAbsent(odd);
    assert.deepEqual((await skemas.get(ORG, ROUND, odd.employeeEmail))?.value, odd);
    assert.deepEqual(
      (await skemas.listByLeader(ORG, ROUND, odd.leaderEmail)).map((s) => s.value),
      [odd],
    );
    await skemas.remove(ORG, ROUND, odd.employeeEmail);
    assert.equal(await skemas.get(ORG, ROUND, odd.employeeEmail), undefined);
  });

  it('removing a skema removes it from the leader’s list too', async () => {
    await skemas.createIfAbsent(skema('anna@kommune.dk', BOSS));
    await skemas.remove(ORG, ROUND, 'anna@kommune.dk');
    assert.deepEqual(await skemas.listByLeader(ORG, ROUND, BOSS), []);
    assert.deepEqual(await skemas.listByRound(ORG, ROUND), []);
    await skemas.remove(ORG, ROUND, 'anna@kommune.dk');
  });
});
