import assert from 'node:assert/strict';
import { demand, may, relationTo } from '../../../bot/mus/access-rules.js';
import { ForbiddenError } from '../../../bot/mus/errors.js';
import type { PrivateNote } from '../../../bot/mus/skema.js';
import { finalise, saveAnswers, startTalk } from '../../../bot/mus/skema.js';
import {
  EMPLOYEE,
  HR,
  LEADER,
  NOW,
  aPerson,
  aSkema,
  assertBilingual,
  minutesLater,
  thrown,
} from './builders.js';

const employee = aPerson(EMPLOYEE, ['employee'], LEADER);
const leader = aPerson(LEADER, ['leader', 'employee'], 'direktoer@example.dk');
const otherLeader = aPerson('anden.leder@example.dk', ['leader', 'employee']);
const colleague = aPerson('kollega@example.dk', ['employee'], LEADER);
const hr = aPerson(HR, ['hr', 'employee']);

const skema = aSkema();
const note: Pick<PrivateNote, 'leaderEmail'> = { leaderEmail: LEADER };

describe('access rules', () => {
  describe('relationTo', () => {
    it('knows the employee, their leader, HR and everyone else', () => {
      assert.equal(relationTo(employee, skema), 'employee');
      assert.equal(relationTo(leader, skema), 'leader');
      assert.equal(relationTo(hr, skema), 'hr');
      assert.equal(relationTo(otherLeader, skema), 'none');
      assert.equal(relationTo(colleague, skema), 'none');
    });

    it('an HR person who is also the leader of the skema stands to it as its leader', () => {
      assert.equal(relationTo(aPerson(LEADER, ['leader', 'hr']), skema), 'leader');
    });
  });

  describe('the employee', () => {
    it('reads and writes their own preparation', () => {
      assert.equal(may.readSkemaContent(employee, skema), true);
      assert.equal(may.readSkemaStatus(employee, skema), true);
      assert.equal(may.writeAnswers(employee, skema), true);
    });

    it('cannot write answers once the talk has started', () => {
      const held = startTalk(skema, { by: LEADER, now: NOW });
      assert.equal(may.writeAnswers(employee, held), false);
    });

    it('cannot write talk notes, finalise or manage agreements', () => {
      assert.equal(may.writeTalkNotes(employee, skema), false);
      assert.equal(may.finalise(employee, skema), false);
      assert.equal(may.manageAgreements(employee, skema), false);
    });

    it("acknowledges the summary and reads the agreements, but never the leader's private notes", () => {
      assert.equal(may.acknowledge(employee, skema), true);
      assert.equal(may.readAgreements(employee, skema), true);
      assert.equal(may.readPrivateNote(employee, note), false);
    });

    it('moves on an agreement they own, but not one the leader owns', () => {
      assert.equal(may.updateAgreementStatus(employee, skema, EMPLOYEE), true);
      assert.equal(may.updateAgreementStatus(employee, skema, LEADER), false);
    });

    it('cannot manage rounds, launch steps or import the roster', () => {
      assert.equal(may.manageRounds(employee), false);
      assert.equal(may.launchSteps(employee), false);
      assert.equal(may.importRoster(employee), false);
    });
  });

  describe("the employee's leader", () => {
    it("reads the employee's answers but cannot write them", () => {
      assert.equal(may.readSkemaContent(leader, skema), true);
      assert.equal(may.writeAnswers(leader, skema), false);
    });

    it('writes talk notes, finalises and manages agreements', () => {
      assert.equal(may.writeTalkNotes(leader, skema), true);
      assert.equal(may.finalise(leader, skema), true);
      assert.equal(may.manageAgreements(leader, skema), true);
      assert.equal(may.readAgreements(leader, skema), true);
      assert.equal(may.updateAgreementStatus(leader, skema, EMPLOYEE), true);
    });

    it('cannot write talk notes once the skema is finalised', () => {
      const done = finalise(skema, { by: LEADER, now: NOW });
      assert.equal(may.writeTalkNotes(leader, done), false);
    });

    it('reads their own private notes', () => {
      assert.equal(may.readPrivateNote(leader, note), true);
    });

    it('cannot acknowledge on behalf of the employee', () => {
      assert.equal(may.acknowledge(leader, skema), false);
    });
  });

  describe('another leader', () => {
    it('reads nothing of a skema that is not theirs, and writes nothing', () => {
      assert.equal(may.readSkemaContent(otherLeader, skema), false);
      assert.equal(may.readSkemaStatus(otherLeader, skema), false);
      assert.equal(may.writeAnswers(otherLeader, skema), false);
      assert.equal(may.writeTalkNotes(otherLeader, skema), false);
      assert.equal(may.finalise(otherLeader, skema), false);
      assert.equal(may.manageAgreements(otherLeader, skema), false);
      assert.equal(may.readAgreements(otherLeader, skema), false);
      assert.equal(may.updateAgreementStatus(otherLeader, skema, EMPLOYEE), false);
    });

    it("cannot read another leader's private notes", () => {
      assert.equal(may.readPrivateNote(otherLeader, note), false);
    });
  });

  describe('another employee', () => {
    it("reads and writes nothing of a colleague's skema", () => {
      assert.equal(may.readSkemaContent(colleague, skema), false);
      assert.equal(may.readSkemaStatus(colleague, skema), false);
      assert.equal(may.writeAnswers(colleague, skema), false);
      assert.equal(may.acknowledge(colleague, skema), false);
      assert.equal(may.readAgreements(colleague, skema), false);
      assert.equal(may.readPrivateNote(colleague, note), false);
    });
  });

  describe('HR', () => {
    it('sees the status of a skema but never its contents', () => {
      const prepared = saveAnswers(
        skema,
        { kerneopgaven: 'Fortroligt' },
        {
          by: EMPLOYEE,
          now: minutesLater(5),
          submit: true,
        },
      );
      assert.equal(may.readSkemaStatus(hr, prepared), true);
      assert.equal(may.readSkemaContent(hr, prepared), false);
      assert.equal(may.readAgreements(hr, prepared), false);
    });

    it('never reads private notes and writes nothing in a skema', () => {
      assert.equal(may.readPrivateNote(hr, note), false);
      assert.equal(may.writeAnswers(hr, skema), false);
      assert.equal(may.writeTalkNotes(hr, skema), false);
      assert.equal(may.finalise(hr, skema), false);
      assert.equal(may.acknowledge(hr, skema), false);
      assert.equal(may.manageAgreements(hr, skema), false);
      assert.equal(may.updateAgreementStatus(hr, skema, EMPLOYEE), false);
    });

    it('manages rounds, launches steps and imports the roster', () => {
      assert.equal(may.manageRounds(hr), true);
      assert.equal(may.launchSteps(hr), true);
      assert.equal(may.importRoster(hr), true);
    });

    it('leaders without the HR role cannot manage rounds', () => {
      assert.equal(may.manageRounds(leader), false);
      assert.equal(may.launchSteps(leader), false);
      assert.equal(may.importRoster(leader), false);
    });
  });

  describe('demand', () => {
    it('lets an allowed action through', () => {
      assert.doesNotThrow(() => demand(true));
    });

    it('refuses a forbidden action with a 403 the user can read in both languages', () => {
      const err = thrown(() => demand(false), ForbiddenError);
      assert.equal(err.status, 403);
      assertBilingual(err.userMessage, 'forbidden');
    });
  });
});
