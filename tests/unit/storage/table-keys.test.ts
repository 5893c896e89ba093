import assert from 'node:assert/strict';
import {
  decodeKeyPart,
  encodeKeyPart,
  joinKey,
  rowKeyPrefixFilter,
} from '../../../bot/storage/table-keys.js';

describe('table keys', () => {
  it('escapes every character Azure forbids in keys, and % and the separator', () => {
    const encoded = encodeKeyPart("a/b\\c#d?e%f|g\u0001h\u007fi'j~k");
    const forbidden = [...encoded].filter((ch) => {
      const code = ch.charCodeAt(0);
      return "/\\#?%|'".includes(ch) || code <= 0x1f || (code >= 0x7f && code <= 0x9f);
    });
    assert.deepEqual(forbidden, []);
    assert.equal(encoded, 'a~2Fb~5Cc~23d~3Fe~25f~7Cg~01h~7Fi~27j~7Ek');
  });

  it('leaves ordinary emails readable', () => {
    assert.equal(encodeKeyPart('anna.holm+mus@kommune.dk'), 'anna.holm+mus@kommune.dk');
    assert.equal(encodeKeyPart('søren@æblegård.dk'), 'søren@æblegård.dk');
  });

  it('decodes back to the original value, so two different values never share a key', () => {
    for (const value of ['a~2Fb', 'a/b', '~', '%7E', 'x|y', 'plain']) {
      assert.equal(decodeKeyPart(encodeKeyPart(value)), value);
    }
    assert.notEqual(encodeKeyPart('a~2Fb'), encodeKeyPart('a/b'));
  });

  it('joins key parts with | after encoding each part', () => {
    assert.equal(joinKey('org/1', 'round|2'), 'org~2F1|round~7C2');
  });

  it('builds a prefix range that excludes keys beyond the prefix', () => {
    const filter = rowKeyPrefixFilter('org', 't|boss@x.dk|');
    assert.equal(
      filter,
      "PartitionKey eq 'org' and RowKey ge 't|boss@x.dk|' and RowKey lt 't|boss@x.dk}'",
    );
  });

  it('quotes apostrophes in filters instead of letting them end the string', () => {
    assert.match(rowKeyPrefixFilter("o'rg", 'p|'), /^PartitionKey eq 'o''rg'/);
  });
});
