import assert from 'node:assert/strict';
import { demand } from '../../../bot/mus/access-rules.js';
import { newAgreement } from '../../../bot/mus/agreement.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RuleError,
  TooLargeError,
  ValidationError,
} from '../../../bot/mus/errors.js';
import { launchStep } from '../../../bot/mus/round.js';
import { templateIssues } from '../../../bot/mus/skema-template.js';
import {
  acknowledge,
  finalise,
  saveAnswers,
  saveTalkNotes,
  startTalk,
} from '../../../bot/mus/skema.js';
import {
  EMPLOYEE,
  HR,
  LEADER,
  NOW,
  aRound,
  aSkema,
  assertBilingual,
  launchedThrough,
  thrown,
  userTexts,
} from './builders.js';

const by = { by: LEADER, now: NOW };
const finalised = () => finalise(aSkema(), by);

/** Every way the domain refuses something, each expected to throw a DomainError. */
const REFUSALS: Record<string, () => unknown> = {
  'round name too long': () => aRound({ name: 'x'.repeat(81) }),
  'round with four deadlines': () => aRound({ deadlines: ['2026-03-09'] }),
  'round deadlines out of order': () =>
    aRound({ deadlines: ['2026-05-01', '2026-04-01', '2026-06-01', '2026-07-01', '2026-08-01'] }),
  'step launched out of order': () => launchStep(aRound(), 3, HR, NOW),
  'step launched twice': () => launchStep(launchedThrough(1), 1, HR, NOW),
  'step launched on a closed round': () =>
    launchStep({ ...aRound(), closedAt: NOW.toISOString() }, 1, HR, NOW),
  'template with issues': () => {
    throw new ValidationError(
      templateIssues({
        sections: [
          ...Array.from({ length: 16 }, () => ({
            id: 'dup',
            kind: 'question' as const,
            title: { da: '', en: '' },
            prompt: { da: 'x', en: 'x' },
          })),
        ],
      }),
    );
  },
  'answers after the talk started': () =>
    saveAnswers(startTalk(aSkema(), by), {}, { by: EMPLOYEE, now: NOW, submit: false }),
  'answer to an unknown question': () =>
    saveAnswers(aSkema(), { nope: 'x' }, { by: EMPLOYEE, now: NOW, submit: false }),
  'answer too long': () =>
    saveAnswers(
      aSkema(),
      { handlinger: 'x'.repeat(4001) },
      { by: EMPLOYEE, now: NOW, submit: false },
    ),
  'talk notes after finalising': () => saveTalkNotes(finalised(), {}, by),
  'talk note too long and wrong understandings': () =>
    saveTalkNotes(aSkema(), { handlinger: 'x'.repeat(4001) }, { ...by, understandings: [] }),
  'starting a finalised talk': () => startTalk(finalised(), by),
  'finalising twice': () => finalise(finalised(), by),
  'acknowledging before finalising': () => acknowledge(aSkema(), { by: EMPLOYEE, now: NOW }),
  'acknowledging twice': () =>
    acknowledge(acknowledge(finalised(), { by: EMPLOYEE, now: NOW }), { by: EMPLOYEE, now: NOW }),
  'acknowledging with a comment too long': () =>
    acknowledge(finalised(), { by: EMPLOYEE, now: NOW, comment: 'x'.repeat(2001) }),
  'agreement without text or date': () =>
    newAgreement({
      orgId: 'o',
      roundId: 'r',
      employeeEmail: EMPLOYEE,
      id: 'a',
      what: '',
      ownerEmail: EMPLOYEE,
      dueDate: '2026-02-30',
      now: NOW,
    }),
  'forbidden action': () => demand(false),
  'not found': () => {
    throw new NotFoundError();
  },
  'conflict on save': () => {
    throw new ConflictError(undefined);
  },
  'validation summary': () => {
    throw new ValidationError([]);
  },
};

describe('errors', () => {
  it('every message the domain shows a user exists in Danish and English, and they differ', () => {
    let count = 0;
    for (const [scenario, refuse] of Object.entries(REFUSALS)) {
      const err = thrown(refuse, DomainError);
      for (const { where, text } of userTexts(err)) {
        assertBilingual(text, `${scenario}: ${where}`);
        count++;
      }
    }
    // Guards against the walk silently finding nothing (e.g. scenarios that stop throwing issues).
    assert.ok(count >= 35, `only ${count} texts walked`);
  });

  it('every validation error names the field of each issue', () => {
    for (const [scenario, refuse] of Object.entries(REFUSALS)) {
      let err: unknown;
      try {
        refuse();
      } catch (e) {
        err = e;
      }
      if (!(err instanceof ValidationError)) continue;
      for (const issue of err.issues)
        assert.ok(issue.where.trim(), `${scenario}: issue without a field`);
    }
  });

  it('each kind of error carries its HTTP status and a stable code', () => {
    const msg = { da: 'Besked', en: 'Message' };
    const cases: [DomainError, number, string][] = [
      [new ValidationError([]), 400, 'invalid_input'],
      [new ForbiddenError(), 403, 'forbidden'],
      [new NotFoundError(), 404, 'not_found'],
      [new RuleError(msg), 409, 'not_allowed_now'],
      [new ConflictError(undefined), 412, 'conflict'],
      [new TooLargeError(msg), 413, 'too_large'],
    ];
    for (const [err, status, code] of cases) {
      assert.equal(err.status, status, err.name);
      assert.equal(err.code, code, err.name);
    }
  });

  it('an error is named after its class and logs the English message', () => {
    const err = new RuleError({ da: 'Ikke nu', en: 'Not now' });
    assert.equal(err.name, 'RuleError');
    assert.equal(err.message, 'Not now');
    assert.ok(err instanceof Error);
  });

  it('an error keeps the cause it was given', () => {
    const cause = new Error('storage down');
    assert.equal(new TooLargeError({ da: 'For stor', en: 'Too large' }, { cause }).cause, cause);
  });

  it('a conflict carries the current version so the user can merge', () => {
    const current = { value: aSkema(), etag: 'W/"2"' };
    assert.equal(new ConflictError(current).current, current);
  });
});
