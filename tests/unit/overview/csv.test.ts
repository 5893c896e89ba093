import assert from 'node:assert/strict';
import { csvCell, csvDocument, danishDecimal } from '../../../bot/overview/csv.js';

describe('CSV for Danish Excel', () => {
  it('prefixes a text that starts like a formula with an apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      assert.ok(
        csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`),
        JSON.stringify(start),
      );
    }
    assert.equal(csvCell('=HYPERLINK("http://x";"y")'), '"\'=HYPERLINK(""http://x"";""y"")"');
  });

  it('leaves ordinary texts and numbers alone', () => {
    assert.equal(csvCell('Drift'), 'Drift');
    assert.equal(csvCell('a-b=c'), 'a-b=c');
    assert.equal(csvCell(12), '12');
    assert.equal(csvCell(null), '');
  });

  it('quotes cells holding a semicolon, a quote or a line break', () => {
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('sagde "hej"'), '"sagde ""hej"""');
    assert.equal(csvCell('to\nlinjer'), '"to\nlinjer"');
  });

  it('writes a byte-order mark, semicolons and CRLF line ends', () => {
    assert.equal(
      csvDocument([
        ['Æble', 1],
        ['Øl', null],
      ]),
      '\uFEFFÆble;1\r\nØl;\r\n',
    );
  });

  it('writes decimals with a comma', () => {
    assert.equal(danishDecimal(3.2), '3,20');
    assert.equal(danishDecimal(null), null);
  });
});
