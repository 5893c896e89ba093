import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
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

  it('quotes every text and leaves numbers alone', () => {
    assert.equal(csvCell('Drift'), '"Drift"');
    assert.equal(csvCell('a-b=c'), '"a-b=c"');
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
      '\uFEFF"Æble";1\r\n"Øl";\r\n',
    );
  });

  it('a formula after a comma stays inside its quoted cell, whichever separator a program splits on', () => {
    const doc = csvDocument([['fint,=HYPERLINK(A1)', '-2+3', 'ok']]);
    // A program that splits on commas outside quotes (English Excel) gets no cell that starts a formula.
    const byComma: string[] = [];
    let cell = '';
    let quoted = false;
    for (const ch of doc.slice(1).trimEnd()) {
      if (ch === '"') quoted = !quoted;
      if (ch === ',' && !quoted) {
        byComma.push(cell);
        cell = '';
      } else cell += ch;
    }
    byComma.push(cell);
    assert.equal(byComma.length, 1, 'the comma is inside a quoted cell');
    for (const piece of byComma) assert.ok(!/^"?[=+\-@\t\r]/.test(piece), piece);
    const rows: string[][] = parse(doc.slice(1), { delimiter: ';' });
    assert.deepEqual(rows[0], ['fint,=HYPERLINK(A1)', "'-2+3", 'ok']);
  });

  it('writes decimals with a comma', () => {
    assert.equal(danishDecimal(3.2), '3,20');
    assert.equal(danishDecimal(null), null);
  });
});
