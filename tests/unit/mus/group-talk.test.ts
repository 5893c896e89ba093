import assert from 'node:assert/strict';
import { defaultGrusTemplate } from '../../../bot/mus/default-template.js';
import { RuleError, ValidationError } from '../../../bot/mus/errors.js';
import {
  acknowledgeGroupTalk,
  changedGroupFields,
  finaliseGroupTalk,
  groupTalkRelation,
  memberMaySeeNotes,
  newGroupTalk,
  saveGroupNotes,
  startGroupTalk,
  withoutMember,
  type GroupTalk,
} from '../../../bot/mus/group-talk.js';

const NOW = new Date('2026-04-01T09:00:00Z');
const LATER = new Date('2026-04-08T10:00:00Z');
const LEADER = 'leder@x.dk';

function talk(): GroupTalk {
  return newGroupTalk({
    orgId: 'org',
    roundId: 'grus-2026',
    leaderEmail: LEADER,
    members: [
      { email: 'b@x.dk', department: 'Drift' },
      { email: 'a@x.dk', department: 'Drift' },
      { email: 'c@x.dk', department: 'Kundeservice' },
      { email: 'a@x.dk', department: 'Drift' },
    ],
    template: defaultGrusTemplate(),
    now: NOW,
  });
}

describe('a GRUS group talk', () => {
  it('is made for the team: members once each in email order, departments once each', () => {
    const t = talk();
    assert.deepEqual(t.members, ['a@x.dk', 'b@x.dk', 'c@x.dk']);
    assert.deepEqual(t.departments, ['Drift', 'Kundeservice']);
    assert.equal(t.status, 'sent');
    assert.deepEqual(t.notes, {});
    assert.deepEqual(t.acknowledgedBy, {});
  });

  it('knows the leader, the members and everybody else', () => {
    const t = talk();
    assert.equal(groupTalkRelation({ email: LEADER }, t), 'leader');
    assert.equal(groupTalkRelation({ email: 'b@x.dk' }, t), 'member');
    assert.equal(groupTalkRelation({ email: 'hr@x.dk' }, t), 'none');
  });

  it('the first shared note starts the talk; the agreements section takes a note too', () => {
    const held = saveGroupNotes(
      talk(),
      { kerneopgaven: 'Vi svarer borgerne samme dag.', aftaler: 'Bo laver en vagtplan inden 1/6.' },
      { by: LEADER, now: LATER, followUpDate: '2026-09-01' },
    );
    assert.equal(held.status, 'held');
    assert.equal(held.heldAt, LATER.toISOString());
    assert.equal(held.notes.aftaler, 'Bo laver en vagtplan inden 1/6.');
    assert.equal(held.followUpDate, '2026-09-01');
    const cleared = saveGroupNotes(held, {}, { by: LEADER, now: LATER, followUpDate: null });
    assert.equal(cleared.followUpDate, undefined);
  });

  it('refuses notes for sections the template does not have, and notes that are too long', () => {
    assert.throws(
      () => saveGroupNotes(talk(), { ukendt: 'x' }, { by: LEADER, now: LATER }),
      ValidationError,
    );
    assert.throws(
      () => saveGroupNotes(talk(), { kerneopgaven: 'x'.repeat(4001) }, { by: LEADER, now: LATER }),
      ValidationError,
    );
  });

  it('members see the notes only once finalised; then the notes are locked', () => {
    const started = startGroupTalk(talk(), { by: LEADER, now: LATER });
    assert.equal(started.status, 'held');
    assert.equal(startGroupTalk(started, { by: LEADER, now: NOW }), started, 'start is idempotent');
    assert.equal(memberMaySeeNotes(started), false);
    const done = finaliseGroupTalk(started, { by: LEADER, now: LATER });
    assert.equal(done.status, 'finalised');
    assert.equal(memberMaySeeNotes(done), true);
    assert.throws(
      () => saveGroupNotes(done, { kerneopgaven: 'x' }, { by: LEADER, now: LATER }),
      RuleError,
    );
    assert.throws(() => finaliseGroupTalk(done, { by: LEADER, now: LATER }), RuleError);
    assert.throws(() => startGroupTalk(done, { by: LEADER, now: LATER }), RuleError);
  });

  it('each member acknowledges once, and only after finalising', () => {
    const t = talk();
    assert.throws(() => acknowledgeGroupTalk(t, { memberEmail: 'a@x.dk', now: LATER }), RuleError);
    const done = finaliseGroupTalk(t, { by: LEADER, now: LATER });
    const once = acknowledgeGroupTalk(done, { memberEmail: 'a@x.dk', now: LATER });
    assert.deepEqual(once.acknowledgedBy, { 'a@x.dk': LATER.toISOString() });
    assert.throws(
      () => acknowledgeGroupTalk(once, { memberEmail: 'a@x.dk', now: LATER }),
      RuleError,
    );
    assert.throws(
      () => acknowledgeGroupTalk(done, { memberEmail: 'outsider@x.dk', now: LATER }),
      RuleError,
    );
  });

  it('erasing a member takes them out of the members and the acknowledgements', () => {
    const done = finaliseGroupTalk(talk(), { by: LEADER, now: LATER });
    const acked = acknowledgeGroupTalk(done, { memberEmail: 'b@x.dk', now: LATER });
    const erased = withoutMember(acked, 'b@x.dk', LATER);
    assert.deepEqual(erased.members, ['a@x.dk', 'c@x.dk']);
    assert.deepEqual(erased.acknowledgedBy, {});
    assert.ok(!JSON.stringify(erased).includes('b@x.dk'));
  });

  it('names the fields that differ between two versions', () => {
    const a = saveGroupNotes(talk(), { kerneopgaven: 'A' }, { by: LEADER, now: LATER });
    const b = saveGroupNotes(a, { kerneopgaven: 'B', vaerdier: 'V' }, { by: LEADER, now: LATER });
    assert.deepEqual(changedGroupFields(a, b), ['notes.kerneopgaven', 'notes.vaerdier']);
  });
});
