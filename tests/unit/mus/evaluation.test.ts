import assert from 'node:assert/strict';
import {
  EVALUATION_SCALE,
  EVALUATION_STATEMENTS,
  MIN_GROUP_SIZE,
} from '../../../bot/mus/evaluation.js';
import { assertBilingual } from './builders.js';
import { EVALUATION_COMMENT_TEXTS } from '../../../texts/evaluation.js';

describe('evaluation', () => {
  it('asks the five statements of step 5, each with a unique id', () => {
    assert.equal(EVALUATION_STATEMENTS.length, 5);
    const ids = EVALUATION_STATEMENTS.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('puts the core task in the first statement', () => {
    assert.match(EVALUATION_STATEMENTS[0]!.text.da, /Kerneopgaven/);
  });

  it('answers on a five-point scale from strongly disagree to strongly agree', () => {
    assert.equal(EVALUATION_SCALE.length, 5);
    assert.equal(EVALUATION_SCALE[0]!.da, 'Helt uenig');
    assert.equal(EVALUATION_SCALE[4]!.da, 'Helt enig');
  });

  it('shows every statement, scale point and the comment prompt in both languages', () => {
    for (const s of EVALUATION_STATEMENTS) assertBilingual(s.text, s.id);
    EVALUATION_SCALE.forEach((p, i) => assertBilingual(p, `scale ${i + 1}`));
    assertBilingual(EVALUATION_COMMENT_TEXTS.prompt, 'comment prompt');
  });

  it('reports results only for groups of at least five', () => {
    assert.equal(MIN_GROUP_SIZE, 5);
  });
});
