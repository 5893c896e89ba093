import assert from 'node:assert/strict';
import { RuleError, ValidationError } from '../../../bot/mus/errors.js';
import {
  canEditInvitation,
  checkLaunch,
  closeRound,
  withInvitation,
} from '../../../bot/mus/round.js';
import { INVITATION_QUESTIONS_MAX } from '../../../bot/mus/step-two-invitation.js';
import { aRound, launchedThrough, NOW } from './builders.js';
import { ROUND_RULE_TEXTS } from '../../../texts/rules.js';

const question = (da: string) => ({ da, en: `${da} (en)` });

describe('setting a round up', () => {
  describe('the core task comes before step 1', () => {
    it('step 1 is refused while the organisation has no core task, saying where to write it', () => {
      const check = checkLaunch(aRound(), 1, { coreTask: '   ' });
      assert.deepEqual(check, {
        ok: false,
        alreadyLaunched: false,
        reason: ROUND_RULE_TEXTS.coreTaskFirst,
      });
      assert.match(ROUND_RULE_TEXTS.coreTaskFirst.da, /Opsætning/);
      assert.match(ROUND_RULE_TEXTS.coreTaskFirst.en, /Setup/);
    });

    it('step 1 may be launched once the core task is written', () => {
      assert.deepEqual(checkLaunch(aRound(), 1, { coreTask: 'Vi leverer rent vand.' }), {
        ok: true,
      });
    });

    it('the later steps do not ask again', () => {
      assert.deepEqual(checkLaunch(launchedThrough(1), 2, { coreTask: '' }), { ok: true });
    });
  });

  describe('HR’s own text and questions for step 2', () => {
    it('are kept on the round until step 2 is launched', () => {
      const round = withInvitation(aRound(), {
        text: { da: 'I år prøver vi noget nyt.', en: 'This year we try something new.' },
        questions: [question('Hvad er du stolt af?')],
      });
      assert.equal(round.invitation?.questions.length, 1);
      assert.equal(canEditInvitation(launchedThrough(1, round)), true);
      assert.equal(canEditInvitation(launchedThrough(2, round)), false);
      assert.throws(
        () => withInvitation(launchedThrough(2, round), { questions: [] }),
        (e) => e instanceof RuleError && /trin 2/.test(e.userMessage.da),
      );
    });

    it('nothing at all removes HR’s part from the card', () => {
      const round = withInvitation(aRound(), { questions: [question('Et spørgsmål')] });
      assert.equal('invitation' in withInvitation(round, { questions: [] }), false);
    });

    it('a text or question missing a language, or too many questions, is refused and names the field', () => {
      assert.throws(
        () => withInvitation(aRound(), { text: { da: 'Kun dansk', en: ' ' }, questions: [] }),
        (e) => e instanceof ValidationError && e.issues[0]?.where === 'text',
      );
      assert.throws(
        () =>
          withInvitation(aRound(), {
            questions: Array.from({ length: INVITATION_QUESTIONS_MAX + 1 }, (_, i) =>
              question(`Spørgsmål ${i}`),
            ),
          }),
        (e) => e instanceof ValidationError && e.issues.some((i) => i.where === 'questions'),
      );
    });

    it('cannot be changed on a closed round', () => {
      assert.throws(
        () => withInvitation(closeRound(aRound(), NOW), { questions: [] }),
        (e) => e instanceof RuleError,
      );
    });
  });
});
