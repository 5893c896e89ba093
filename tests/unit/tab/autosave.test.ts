import assert from 'node:assert/strict';
import { ApiError } from '../../../tab/src/api-client.js';
import { Autosaver, type Conflict, type SaveState } from '../../../tab/src/autosave.js';

/*
 * The tab's autosave against a fake server that keeps one document with an ETag and refuses stale
 * writes with 412 and the stored version, as the skema API does.
 */

interface Doc {
  fields: Record<string, string>;
  etag: string;
}

/**
 * `brief`: a successful save answers with the new version only (`Prefer: return=minimal`), as the
 * skema API does for the tab's autosaves; a refused one still carries the whole stored version.
 */
function fakeServer(initial: Record<string, string>, brief = false) {
  let version = 1;
  let stored: Doc = { fields: { ...initial }, etag: 'v1' };
  const sent: { changes: Record<string, string>; etag: string | null }[] = [];
  return {
    sent,
    current: (): Doc => stored,
    /** Someone else saves. */
    saveElsewhere(changes: Record<string, string>): void {
      version += 1;
      stored = { fields: { ...stored.fields, ...changes }, etag: `v${version}` };
    },
    target: {
      send(changes: Record<string, string>, etag: string | null): Promise<Doc | { etag: string }> {
        sent.push({ changes, etag });
        if (etag !== stored.etag) {
          return Promise.reject(
            new ApiError(412, 'conflict', 'stale', {
              code: 'conflict',
              message: { da: 'Forældet', en: 'Stale' },
              current: stored,
              changed: Object.keys(changes),
            }),
          );
        }
        version += 1;
        stored = { fields: { ...stored.fields, ...changes }, etag: `v${version}` };
        return Promise.resolve(brief ? { etag: stored.etag } : stored);
      },
      fieldsOf: (doc: Doc) => doc.fields,
      etagOf: (doc: Doc) => doc.etag,
      isView: (answer: Doc | { etag: string }): answer is Doc => 'fields' in answer,
    },
  };
}

function saverFor(server: ReturnType<typeof fakeServer>) {
  const states: SaveState['kind'][] = [];
  let conflicts: Conflict[] = [];
  const saver = new Autosaver(
    server.target,
    server.current(),
    {
      onState: (s) => states.push(s.kind),
      onConflicts: (c) => {
        conflicts = c;
      },
    },
    5,
  );
  return { saver, states, conflicts: () => conflicts };
}

const tick = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the tab autosave', () => {
  it('saves the changed fields once the typing pauses, in one request', async () => {
    const server = fakeServer({ a: '', b: '' });
    const { saver, states } = saverFor(server);
    saver.edit('a', 'H');
    saver.edit('a', 'Hej');
    await tick();
    assert.deepEqual(server.sent, [{ changes: { a: 'Hej' }, etag: 'v1' }]);
    assert.deepEqual(states, ['saving', 'saved']);
    assert.equal(saver.currentEtag, server.current().etag);
  });

  it('saves at once on flush (blur) and sends nothing when nothing changed', async () => {
    const server = fakeServer({ a: 'x' });
    const { saver } = saverFor(server);
    saver.edit('a', 'x');
    await saver.flush();
    assert.equal(server.sent.length, 0);
    saver.edit('a', 'y');
    await saver.flush();
    assert.deepEqual(server.current().fields, { a: 'y' });
  });

  it('saves my field again on the new version when the other person changed a different field', async () => {
    const server = fakeServer({ a: '', b: '' });
    const { saver, conflicts } = saverFor(server);
    server.saveElsewhere({ b: 'theirs' });
    saver.edit('a', 'mine');
    await saver.flush();
    assert.deepEqual(server.current().fields, { a: 'mine', b: 'theirs' });
    assert.deepEqual(conflicts(), []);
    assert.equal(saver.currentState.kind, 'saved');
  });

  it('turns a field both changed into a conflict, keeping both texts and saving neither over the other', async () => {
    const server = fakeServer({ a: 'start' });
    const { saver, conflicts } = saverFor(server);
    server.saveElsewhere({ a: 'theirs' });
    saver.edit('a', 'mine');
    await saver.flush();
    assert.deepEqual(conflicts(), [{ field: 'a', theirs: 'theirs', mine: 'mine' }]);
    assert.equal(server.current().fields.a, 'theirs');
    assert.equal(saver.currentState.kind, 'conflict');
    assert.equal(saver.hasConflicts(), true);

    // Typing on while the conflict stands saves nothing.
    saver.edit('a', 'mine, longer');
    await tick();
    assert.equal(server.current().fields.a, 'theirs');

    await saver.keepMine('a', 'mine, longer');
    assert.equal(server.current().fields.a, 'mine, longer');
    assert.equal(saver.hasConflicts(), false);
    assert.equal(saver.currentState.kind, 'saved');
  });

  it('"take theirs" gives their text back and sends nothing', async () => {
    const server = fakeServer({ a: 'start' });
    const { saver } = saverFor(server);
    server.saveElsewhere({ a: 'theirs' });
    saver.edit('a', 'mine');
    await saver.flush();
    const sentBefore = server.sent.length;
    assert.equal(saver.takeTheirs('a'), 'theirs');
    await saver.flush();
    assert.equal(server.sent.length, sentBefore);
    assert.equal(saver.hasUnsaved(), false);
  });

  it('keeps an edit that failed to save, says so, and saves it on retry', async () => {
    const server = fakeServer({ a: '' });
    let fail = true;
    const target = {
      ...server.target,
      send: (changes: Record<string, string>, etag: string | null) =>
        fail
          ? Promise.reject(new ApiError(0, 'network', 'offline'))
          : server.target.send(changes, etag),
    };
    const saver = new Autosaver(target, server.current(), {}, 5);
    saver.edit('a', 'vigtig note');
    await saver.flush();
    assert.deepEqual(saver.currentState, { kind: 'error', message: 'offline' });
    assert.equal(saver.hasUnsaved(), true);
    fail = false;
    await saver.retry();
    assert.equal(server.current().fields.a, 'vigtig note');
    assert.equal(saver.currentState.kind, 'saved');
  });

  describe('when the server answers a save with the new version only', () => {
    it('saves edit after edit on the version each save returned', async () => {
      const server = fakeServer({ a: '', b: '' }, true);
      const { saver } = saverFor(server);
      saver.edit('a', 'første');
      await saver.flush();
      saver.edit('b', 'anden');
      await saver.flush();

      assert.deepEqual(server.current().fields, { a: 'første', b: 'anden' });
      assert.deepEqual(
        server.sent.map((s) => s.etag),
        ['v1', 'v2'],
        'each save on top of the last one, no 412 in between',
      );
      assert.equal(saver.currentState.kind, 'saved');
    });

    it('still merges their change to another field and stops at their change to the same field', async () => {
      const server = fakeServer({ a: 'start', b: '' }, true);
      const { saver, conflicts } = saverFor(server);
      saver.edit('a', 'mine');
      await saver.flush();
      server.saveElsewhere({ b: 'theirs' });
      saver.edit('a', 'mine again');
      await saver.flush();
      assert.deepEqual(server.current().fields, { a: 'mine again', b: 'theirs' });
      assert.deepEqual(conflicts(), []);

      server.saveElsewhere({ a: 'theirs' });
      saver.edit('a', 'mine, third');
      await saver.flush();
      assert.deepEqual(conflicts(), [{ field: 'a', theirs: 'theirs', mine: 'mine, third' }]);
    });
  });
});
