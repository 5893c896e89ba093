import assert from 'node:assert/strict';
import { hasRole, isValidEmail, normaliseEmail } from '../../../bot/mus/person.js';

describe('person', () => {
  it('normalises an email by trimming and lower-casing it', () => {
    assert.equal(normaliseEmail('  Anne.Holm@Example.DK '), 'anne.holm@example.dk');
  });

  it('accepts ordinary email addresses', () => {
    for (const email of ['anne@example.dk', 'a.b-c+d@sub.example.com']) {
      assert.equal(isValidEmail(email), true, email);
    }
  });

  it('refuses text that is not one email address', () => {
    for (const email of [
      '',
      'anne',
      'anne@example',
      'a b@example.dk',
      'a@x.dk,b@x.dk',
      '<a@x.dk>',
    ]) {
      assert.equal(isValidEmail(email), false, email);
    }
  });

  it('refuses an email longer than 254 characters', () => {
    assert.equal(isValidEmail(`${'a'.repeat(245)}@example.dk`), false);
  });

  it('hasRole looks only at the roles given', () => {
    assert.equal(hasRole({ roles: ['employee', 'hr'] }, 'hr'), true);
    assert.equal(hasRole({ roles: ['leader'] }, 'hr'), false);
    assert.equal(hasRole({ roles: [] }, 'employee'), false);
  });
});
