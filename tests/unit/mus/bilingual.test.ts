import assert from 'node:assert/strict';
import { localeFrom, pick } from '../../../bot/mus/bilingual.js';

describe('bilingual', () => {
  it('an English Teams locale gives English, whatever the region or case', () => {
    for (const tag of ['en', 'en-US', 'en-GB', 'EN-us']) assert.equal(localeFrom(tag), 'en', tag);
  });

  it('a Danish Teams locale gives Danish', () => {
    assert.equal(localeFrom('da-DK'), 'da');
    assert.equal(localeFrom('da'), 'da');
  });

  it('any other or missing locale falls back to Danish', () => {
    for (const tag of ['de-DE', 'sv-SE', 'nb-NO', '', undefined, null]) {
      assert.equal(localeFrom(tag), 'da', String(tag));
    }
  });

  it('pick returns the text in the chosen language', () => {
    const text = { da: 'Hej', en: 'Hello' };
    assert.equal(pick(text, 'da'), 'Hej');
    assert.equal(pick(text, 'en'), 'Hello');
  });
});
