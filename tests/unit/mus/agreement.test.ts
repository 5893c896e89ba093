import assert from 'node:assert/strict';
import {
  AGREEMENT_STATUSES,
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_TEXT_MAX,
  agreementIssues,
  newAgreement,
} from '../../../bot/mus/agreement.js';
import { ValidationError } from '../../../bot/mus/errors.js';
import { EMPLOYEE, NOW, assertBilingual, thrown } from './builders.js';

function anAgreement(what: string, dueDate: string) {
  return newAgreement({
    orgId: 'org-1',
    roundId: 'round-1',
    employeeEmail: EMPLOYEE,
    id: 'a1',
    what,
    ownerEmail: EMPLOYEE,
    dueDate,
    now: NOW,
  });
}

describe('agreement', () => {
  it('a new agreement is open, trimmed and stamped with the time', () => {
    const a = anAgreement('  Tag kurset i vandkemi  ', '2026-06-30');
    assert.equal(a.status, 'open');
    assert.equal(a.what, 'Tag kurset i vandkemi');
    assert.equal(a.dueDate, '2026-06-30');
    assert.equal(a.createdAt, NOW.toISOString());
    assert.equal(a.updatedAt, NOW.toISOString());
  });

  it('an agreement with no text is refused, naming the field', () => {
    const err = thrown(() => anAgreement('   ', '2026-06-30'), ValidationError);
    assert.deepEqual(
      err.issues.map((i) => i.where),
      ['what'],
    );
  });

  it(`an agreement text longer than ${AGREEMENT_TEXT_MAX} characters is refused`, () => {
    assert.deepEqual(
      agreementIssues({ what: 'x'.repeat(AGREEMENT_TEXT_MAX + 1), dueDate: '2026-06-30' }).map(
        (i) => i.where,
      ),
      ['what'],
    );
    assert.deepEqual(
      agreementIssues({ what: 'x'.repeat(AGREEMENT_TEXT_MAX), dueDate: '2026-06-30' }),
      [],
    );
  });

  it('an agreement whose due date is not a real date is refused', () => {
    for (const dueDate of ['2026-02-30', '30-06-2026', '', 'snart']) {
      const err = thrown(() => anAgreement('Følg op', dueDate), ValidationError);
      assert.deepEqual(
        err.issues.map((i) => i.where),
        ['dueDate'],
        dueDate,
      );
    }
  });

  it('reports a missing text and a bad date together, each in both languages', () => {
    const issues = agreementIssues({ what: '', dueDate: 'nope' });
    assert.deepEqual(
      issues.map((i) => i.where),
      ['what', 'dueDate'],
    );
    for (const issue of issues) assertBilingual(issue.message, issue.where);
  });

  it('every agreement status has a label in both languages', () => {
    assert.deepEqual(Object.keys(AGREEMENT_STATUS_LABELS).sort(), [...AGREEMENT_STATUSES].sort());
    for (const status of AGREEMENT_STATUSES) {
      assertBilingual(AGREEMENT_STATUS_LABELS[status], status);
    }
  });
});
