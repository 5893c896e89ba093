import assert from 'node:assert/strict';
import { ValidationError } from '../../../bot/mus/errors.js';
import { parseInput } from '../../../bot/api/validate-input.js';
import {
  agreementChangeBody,
  answersBody,
  newAgreementBody,
  privateNoteBody,
  talkNotesBody,
} from '../../../bot/api/skema-routes.js';
import { ANSWER_MAX_CHARS, PRIVATE_NOTE_MAX_CHARS } from '../../../bot/mus/skema-template.js';

function issuesOf(run: () => unknown): { where: string; da: string; en: string }[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ValidationError);
    assert.equal(error.status, 400);
    return error.issues.map((i) => ({ where: i.where, ...i.message }));
  }
  assert.fail('the input was accepted');
}

describe('validating the tab API input', () => {
  it('a valid answers body passes and keeps texts exactly as sent', () => {
    const body = parseInput(answersBody, {
      answers: { kerneopgaven: '  <b>Rent vand</b>  ' },
      submit: true,
      etag: 'W/"1"',
    });
    assert.deepEqual(body.answers, { kerneopgaven: '  <b>Rent vand</b>  ' });
  });

  it('an unknown field is named in Danish and English', () => {
    assert.deepEqual(
      issuesOf(() => parseInput(answersBody, { answers: {}, etag: 'e', orgId: 'other-tenant' })),
      [{ where: '(body)', da: 'Ukendt felt: orgId.', en: 'Unknown field: orgId.' }],
    );
  });

  it('every problem is listed at once, each with its field path', () => {
    const issues = issuesOf(() =>
      parseInput(answersBody, { answers: { handlinger: 'x'.repeat(ANSWER_MAX_CHARS + 1) } }),
    );
    assert.deepEqual(
      issues.map((i) => [i.where, i.da]),
      [
        ['answers.handlinger', `Højst ${ANSWER_MAX_CHARS} tegn.`],
        ['etag', 'Feltet mangler.'],
      ],
    );
  });

  it('the wrong type is explained in both languages', () => {
    assert.deepEqual(
      issuesOf(() => parseInput(answersBody, { answers: {}, etag: 'e', submit: 'yes' })),
      [{ where: 'submit', da: 'Skal være sand eller falsk.', en: 'Must be true or false.' }],
    );
  });

  it('a private note may be long but not longer than the domain allows', () => {
    assert.ok(
      parseInput(privateNoteBody, { text: 'x'.repeat(PRIVATE_NOTE_MAX_CHARS), etag: null }),
    );
    assert.equal(
      issuesOf(() =>
        parseInput(privateNoteBody, { text: 'x'.repeat(PRIVATE_NOTE_MAX_CHARS + 1), etag: null }),
      )[0]?.where,
      'text',
    );
  });

  it('the four understandings must be four, and the talk time a date-time', () => {
    const issues = issuesOf(() =>
      parseInput(talkNotesBody, { understandings: [true], talkAt: 'i morgen', etag: 'e' }),
    );
    assert.deepEqual(
      issues.map((i) => [i.where, i.en]),
      [
        ['understandings', 'Must have exactly 4 items.'],
        ['talkAt', 'Must be a date and time (ISO 8601, e.g. 2026-03-02T09:00:00Z).'],
      ],
    );
  });

  it("an agreement's owner email is normalised and its due date must be a real date", () => {
    const ok = parseInput(newAgreementBody, {
      what: 'Kursus',
      ownerEmail: ' Pernille.Krogh@Vandvaerk.Example ',
      dueDate: '2026-06-01',
    });
    assert.equal(ok.ownerEmail, 'pernille.krogh@vandvaerk.example');
    assert.deepEqual(
      issuesOf(() =>
        parseInput(newAgreementBody, { what: ' ', ownerEmail: 'nobody', dueDate: '2026-02-30' }),
      ).map((i) => [i.where, i.da]),
      [
        ['what', 'Må ikke være tom.'],
        ['ownerEmail', 'Skal være en e-mailadresse.'],
        ['dueDate', 'Skal være en dato (ÅÅÅÅ-MM-DD).'],
      ],
    );
  });

  it('an agreement change must say what to change, and a status must be a known one', () => {
    assert.match(
      issuesOf(() => parseInput(agreementChangeBody, { etag: 'e' }))[0]?.da ?? '',
      /Angiv/,
    );
    assert.deepEqual(
      issuesOf(() => parseInput(agreementChangeBody, { status: 'closed', etag: 'e' })).map(
        (i) => i.en,
      ),
      ['Must be one of: open, in-progress, done, dropped.'],
    );
  });

  it('a path problem is reported under path', () => {
    assert.equal(issuesOf(() => parseInput(answersBody, undefined, 'path'))[0]?.where, 'path');
  });
});
