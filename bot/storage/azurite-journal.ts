import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * How the embedded Azurite keeps its data on disk without stopping every few seconds; loaded into the
 * Azurite process before it starts (node --require), only when it keeps data on disk (`npm start`).
 *
 * Azurite holds every table in LokiJS, which saves by writing the whole database as one JSON file
 * every 5 s while anything changed. At 10,000 employees that file is over 100 MB, so the emulator
 * stopped for a second or more every few seconds: in `bench:round -- --on-disk` the card steps fell
 * to 0.72 of Teams' limit and the slowest clicks took 3–4 s. With this preload LokiJS records each
 * changed row (its changes API: the row as it is after an insert or update, or its removal) and the
 * save appends those rows to a journal file next to the database, every half second. The whole file
 * is written only at start-up, when a table is created or dropped, and when the journal has grown
 * past twice the database's size (and 64 MB); each whole save starts a new journal.
 *
 * Which journal belongs to which database file: the database carries a `journalGeneration`, and the
 * journal's first line names the generation it continues. At start-up LokiJS reads the database and
 * the preload applies the journal's rows in order when the generations match; a journal of another
 * generation (left when the machine stopped between writing a new database file and starting its
 * journal) is already contained in the database and is ignored, as is a last line cut short by a
 * crash. So a crash of the emulator loses at most the last half second, where it lost up to five.
 *
 * If LokiJS is not as expected, nothing is changed and Azurite saves as it always did.
 */
const PRELOAD = `'use strict';
const fs = require('node:fs');
const { dirname } = require('node:path');
const { randomUUID } = require('node:crypto');
const SAVE_EVERY_MS = 500;
const MIN_JOURNAL_BYTES = 64 * 1024 * 1024;
const states = new WeakMap();

function journaled(db) {
  return db && db.persistenceMethod === 'fs' && /__azurite_db_table__\\.json$/.test(String(db.filename));
}
function state(db) {
  let s = states.get(db);
  if (!s) {
    // shape: bumped when a table is created or dropped (or the file loaded); wholeShape: the shape
    // the file on disk has, -1 when the file or journal must be written anew.
    s = { chain: Promise.resolve(), shape: 0, wholeShape: -1, wholeBytes: 0, journalBytes: 0 };
    states.set(db, s);
  }
  return s;
}
function journalPath(db) {
  return db.filename + '.journal';
}
function track(coll) {
  coll.disableChangesApi = false;
  coll.disableDeltaChangesApi = true;
}

function replay(db, generation) {
  let text;
  try {
    text = fs.readFileSync(journalPath(db), 'utf8');
  } catch {
    return;
  }
  const lines = text.split('\\n');
  let header;
  try {
    header = JSON.parse(lines[0]);
  } catch {
    return;
  }
  if (!header || header.generation !== generation) return;
  const touched = new Map();
  const REMOVED = null;
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    let change;
    try {
      change = JSON.parse(lines[i]);
    } catch {
      break; // the last line, cut short by a crash
    }
    const coll = db.getCollection(change.name);
    if (!coll || !change.obj || typeof change.obj.$loki !== 'number') continue;
    let at = touched.get(coll);
    if (!at) {
      at = new Map();
      coll.data.forEach((doc, index) => at.set(doc.$loki, index));
      touched.set(coll, at);
    }
    const id = change.obj.$loki;
    const index = at.get(id);
    if (change.operation === 'R') {
      if (index !== undefined) {
        coll.data[index] = REMOVED;
        at.delete(id);
      }
    } else if (index !== undefined) {
      coll.data[index] = change.obj;
    } else {
      at.set(id, coll.data.length);
      coll.data.push(change.obj);
      if (id > coll.maxId) coll.maxId = id;
    }
  }
  for (const coll of touched.keys()) {
    coll.data = coll.data.filter((doc) => doc !== REMOVED);
    coll.idIndex = null;
    coll.ensureAllIndexes(true);
    for (const field of coll.uniqueNames || []) coll.ensureUniqueIndex(field);
    coll.dirty = true;
  }
}

async function saveWhole(db, s) {
  const shape = s.shape;
  s.wholeShape = -1;
  db.clearChanges();
  db.autosaveClearFlags();
  const generation = randomUUID();
  db.journalGeneration = generation;
  const text = db.serialize();
  await new Promise((resolve, reject) =>
    db.persistenceAdapter.saveDatabase(db.filename, text, (err) => (err ? reject(err) : resolve())),
  );
  const tmp = journalPath(db) + '~';
  await fs.promises.writeFile(tmp, JSON.stringify({ generation }) + '\\n');
  await fs.promises.rename(tmp, journalPath(db));
  s.wholeBytes = text.length;
  s.journalBytes = 0;
  s.wholeShape = shape;
}

async function save(db) {
  const s = state(db);
  if (s.wholeShape !== s.shape || s.journalBytes > Math.max(MIN_JOURNAL_BYTES, 2 * s.wholeBytes)) {
    return saveWhole(db, s);
  }
  const changes = db.generateChangesNotification();
  db.clearChanges();
  db.autosaveClearFlags();
  if (changes.length === 0) return;
  let text = '';
  for (const change of changes) text += JSON.stringify(change) + '\\n';
  try {
    await fs.promises.appendFile(journalPath(db), text);
  } catch (error) {
    s.wholeShape = -1; // the rows are only in memory now: the next save writes everything
    throw error;
  }
  s.journalBytes += Buffer.byteLength(text);
}

try {
  const azuriteMain = process.argv[1];
  const Loki = require(require.resolve('lokijs', { paths: [dirname(azuriteMain)] }));
  const proto = Loki && Loki.prototype;
  const ready =
    proto &&
    typeof proto.saveDatabase === 'function' &&
    typeof proto.loadJSONObject === 'function' &&
    typeof proto.addCollection === 'function' &&
    typeof proto.removeCollection === 'function' &&
    typeof proto.autosaveEnable === 'function' &&
    typeof proto.close === 'function' &&
    typeof proto.generateChangesNotification === 'function' &&
    typeof proto.clearChanges === 'function' &&
    typeof proto.serialize === 'function' &&
    Loki.Collection &&
    typeof Loki.Collection.prototype.ensureAllIndexes === 'function';
  if (ready) {
    const { saveDatabase, loadJSONObject, addCollection, removeCollection, autosaveEnable, close } =
      proto;
    // Closing (Azurite on SIGINT) waits for a save under way, then saves what is left.
    proto.close = function (callback) {
      if (!journaled(this)) return close.call(this, callback);
      state(this).chain.then(() => close.call(this, callback));
    };
    proto.autosaveEnable = function (...args) {
      if (journaled(this)) this.autosaveInterval = SAVE_EVERY_MS;
      return autosaveEnable.apply(this, args);
    };
    proto.addCollection = function (...args) {
      const coll = addCollection.apply(this, args);
      if (journaled(this)) {
        track(coll);
        state(this).shape++;
      }
      return coll;
    };
    proto.removeCollection = function (...args) {
      if (journaled(this)) state(this).shape++;
      return removeCollection.apply(this, args);
    };
    proto.loadJSONObject = function (dbObject, options) {
      const result = loadJSONObject.call(this, dbObject, options);
      if (journaled(this)) {
        for (const coll of this.collections) track(coll);
        if (typeof dbObject.journalGeneration === 'string') replay(this, dbObject.journalGeneration);
        state(this).shape++;
      }
      return result;
    };
    proto.saveDatabase = function (callback) {
      if (!journaled(this)) return saveDatabase.call(this, callback);
      const s = state(this);
      const run = s.chain.then(() => save(this));
      s.chain = run.catch(() => undefined);
      run.then(
        () => callback && callback(),
        (error) => {
          if (callback) callback(error);
          else process.stderr.write('azurite journal: saving failed: ' + String(error) + '\\n');
        },
      );
    };
  }
} catch {
  // Azurite saves as it always did.
}
`;

/** Writes the preload into `folder` and returns the node arguments that load it. */
export function journalPreload(folder: string): string[] {
  const file = join(folder, 'azurite-journal.cjs');
  writeFileSync(file, PRELOAD);
  return ['--require', file];
}
