import assert from 'node:assert/strict';
import {
  roundTitle,
  skemaName,
  talkFullName,
  talkPurpose,
  TERMS,
} from '../../../bot/mus/glossary.js';
import type { RoundKind } from '../../../bot/mus/round.js';

const KINDS: RoundKind[] = ['MUS', 'GRUS', 'LUS'];

describe('the glossary: one word per concept', () => {
  it('a round name that already says its kind is not said twice ("MUS 2027" stays "MUS 2027")', () => {
    assert.equal(roundTitle('MUS 2027', 'MUS'), 'MUS 2027');
    assert.equal(roundTitle('Forårets GRUS', 'GRUS'), 'Forårets GRUS');
    assert.equal(roundTitle('LUS-runden 2027', 'LUS'), 'LUS-runden 2027');
  });

  it('any other round name gets its own kind in front, not always MUS', () => {
    assert.equal(roundTitle('Forår 2027', 'MUS'), 'MUS Forår 2027');
    assert.equal(roundTitle('Forår 2027', 'GRUS'), 'GRUS Forår 2027');
    assert.equal(roundTitle('Musikskolen', 'LUS'), 'LUS Musikskolen');
  });

  it('each kind names its own skema and purpose, and no GRUS or LUS text speaks of MUS', () => {
    for (const kind of KINDS) {
      assert.equal(skemaName(kind).da, `${kind}-skema`);
      assert.match(talkFullName(kind).da, new RegExp(`^${kind} \\(`));
      const purpose = talkPurpose(kind);
      assert.match(purpose.da, new RegExp(`^${kind} er en samtale`));
      assert.match(purpose.en, new RegExp(`^${kind} is a conversation`));
      if (kind !== 'MUS') assert.doesNotMatch(purpose.da + purpose.en, /\bMUS\b/);
    }
  });

  it('a closed round and a finalised talk are different words', () => {
    assert.match(TERMS.roundClosed.da, /lukket/);
    assert.doesNotMatch(TERMS.roundClosed.da, /afsluttet/);
  });

  it('uses the agreed Danish words: Opgivet, Gennemført, Endnu ikke, synlige, Start uret', () => {
    assert.equal(TERMS.agreementDropped.da, 'Opgivet');
    assert.equal(TERMS.agreementDone.da, 'Gennemført');
    assert.equal(TERMS.notYet.da, 'Endnu ikke');
    assert.equal(TERMS.privateNotesOnlyYou.da, 'Kun synlige for dig');
    assert.equal(TERMS.startTimer.da, 'Start uret');
    assert.equal(TERMS.summary.da, 'Opsamling');
  });
});
