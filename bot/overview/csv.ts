/*
 * CSV for Danish Excel: UTF-8 with a byte-order mark (so Excel reads æøå), `;` between cells (Danish
 * Excel's list separator, since `,` is its decimal mark) and CRLF line ends. A text cell that a
 * spreadsheet could take for a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading `'`, so it is shown as text and never run (OWASP "CSV injection").
 */

export type CsvValue = string | number | null | undefined;

const BOM = '\uFEFF';
const SEPARATOR = ';';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers as they are, texts neutralised and always quoted, empty for null. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** A whole document from rows of cells. */
export function csvDocument(rows: CsvValue[][]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(SEPARATOR)).join('\r\n') + '\r\n';
}

/** A decimal number with a comma, as Danish Excel reads it (`3,25`). */
export function danishDecimal(value: number | null, decimals = 2): string | null {
  return value === null ? null : value.toFixed(decimals).replace('.', ',');
}
