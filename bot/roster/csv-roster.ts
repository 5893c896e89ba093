import { parse } from 'csv-parse/sync';
import type { PersonRepository, RosterWriteResult } from '../mus/repositories.js';
import { lineLabel, type RosterIssue, type RosterRow } from '../mus/roster-validation.js';
import { importRoster, rosterRejected } from './import-roster.js';
import { ROSTER_TEXTS } from '../../texts/roster.js';
import { fill } from '../../texts/fill.js';
import type { Bilingual } from '../mus/bilingual.js';

/*
 * Reading a roster from CSV as HR actually writes it: UTF-8 with or without BOM, or the Windows-1252
 * that Danish Excel saves as "CSV (semikolonsepareret)"; `,`, `;` or tab as delimiter; Excel's `sep=;`
 * first line; headers in any case and spacing, in English or Danish. Every record keeps the line it
 * starts on, so problems can be reported by line number.
 */

type Column = 'email' | 'name' | 'leaderEmail' | 'department' | 'roles';

/** The header as documented, in the order the sample files use. */
export const ROSTER_CSV_HEADER = 'email,name,leader_email,department,role';

const COLUMN_NAMES: Record<string, Column> = {
  email: 'email',
  e_mail: 'email',
  mail: 'email',
  name: 'name',
  navn: 'name',
  leader_email: 'leaderEmail',
  leader: 'leaderEmail',
  leder_email: 'leaderEmail',
  leder: 'leaderEmail',
  department: 'department',
  afdeling: 'department',
  role: 'roles',
  roles: 'roles',
  rolle: 'roles',
  roller: 'roles',
};

const REQUIRED: readonly { column: Column; header: string }[] = [
  { column: 'email', header: 'email' },
  { column: 'name', header: 'name' },
  { column: 'leaderEmail', header: 'leader_email' },
  { column: 'department', header: 'department' },
  { column: 'roles', header: 'role' },
];

export interface ParsedRosterCsv {
  rows: RosterRow[];
  /** Problems with single lines that the CSV itself shows (too many fields); they stop the import. */
  issues: RosterIssue[];
}

/** Decodes UTF-8 (dropping a BOM), falling back to Windows-1252 when the bytes are not UTF-8. */
export function decodeRosterText(input: string | Uint8Array): string {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      text = new TextDecoder('windows-1252').decode(input);
    }
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Picks the delimiter that occurs most often (outside quotes) in the header line. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

function headerKey(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, '_');
}

function fileProblem(line: number, message: Bilingual): never {
  throw rosterRejected([{ where: lineLabel(line), line, message }]);
}

/**
 * Parses roster CSV into rows with their line numbers. File-level problems (no header, a required
 * column missing, broken quoting) throw a ValidationError at once, since no line can be trusted then.
 */
export function parseRosterCsv(input: string | Uint8Array): ParsedRosterCsv {
  let text = decodeRosterText(input);
  let lineOffset = 0;
  let delimiter: string | undefined;
  const sep = /^sep=(.)\n/i.exec(text);
  if (sep) {
    delimiter = sep[1];
    text = text.slice(sep[0].length);
    lineOffset = 1;
  }
  const firstLine = text.split('\n', 1)[0] ?? '';
  delimiter ??= detectDelimiter(firstLine);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line =
      (error && typeof error === 'object' && 'lines' in error && typeof error.lines === 'number'
        ? error.lines
        : 0) + lineOffset;
    const code =
      error && typeof error === 'object' && 'code' in error ? String(error.code) : 'unknown';
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      fileProblem(line, ROSTER_TEXTS.csvRoster.quoteNotClosed);
    }
    fileProblem(line, fill(ROSTER_TEXTS.csvRoster.notCsv, { code }));
  }

  // A record spanning several lines (a quoted newline) is reported at the line it starts on.
  const withLines = records
    .map(({ record, info }) => {
      const newlines = record.reduce((n, field) => n + field.split('\n').length - 1, 0);
      return { fields: record, line: info.lines - newlines + lineOffset };
    })
    // Excel leaves rows of bare delimiters (`;;;;`) after the data; they are not people.
    .filter((r) => r.fields.some((f) => f.trim() !== ''));

  const header = withLines.shift();
  if (!header) {
    fileProblem(1, fill(ROSTER_TEXTS.csvRoster.fileEmpty, { header: ROSTER_CSV_HEADER }));
  }

  const index = new Map<Column, number>();
  header.fields.forEach((cell, i) => {
    const column = COLUMN_NAMES[headerKey(cell)];
    if (!column) return; // Extra columns (notes, employee numbers) are allowed and ignored.
    if (index.has(column)) {
      fileProblem(header.line, fill(ROSTER_TEXTS.csvRoster.columnTwice, { column: cell.trim() }));
    }
    index.set(column, i);
  });
  const missing = REQUIRED.filter((r) => !index.has(r.column)).map((r) => r.header);
  if (missing.length > 0) {
    const list = missing.join(', ');
    fileProblem(
      header.line,
      fill(
        missing.length === 1
          ? ROSTER_TEXTS.csvRoster.headerLacksColumn
          : ROSTER_TEXTS.csvRoster.headerLacksColumns,
        { list, header: ROSTER_CSV_HEADER },
      ),
    );
  }

  const width = header.fields.length;
  const shown = delimiter === '\t' ? 'tab' : delimiter;
  const issues: RosterIssue[] = [];
  const rows = withLines.map(({ fields, line }) => {
    if (fields.slice(width).some((f) => f.trim() !== '')) {
      issues.push({
        where: lineLabel(line),
        line,
        message: fill(ROSTER_TEXTS.csvRoster.lineHasFieldsBut, {
          length: fields.length,
          width,
          shown,
        }),
      });
    }
    const get = (column: Column): string => fields[index.get(column) ?? -1] ?? '';
    return {
      line,
      email: get('email'),
      name: get('name'),
      leaderEmail: get('leaderEmail'),
      department: get('department'),
      roles: get('roles'),
    };
  });
  return { rows, issues };
}

/**
 * Reads a CSV roster and imports it all or nothing (see importRoster).
 * @throws ValidationError listing every bad line; nothing is written then.
 */
export async function importRosterCsv(
  people: PersonRepository,
  orgId: string,
  input: string | Uint8Array,
): Promise<RosterWriteResult> {
  const { rows, issues } = parseRosterCsv(input);
  return importRoster(people, orgId, rows, issues);
}
