import type { Bilingual } from './bilingual.js';
import type { ValidationIssue } from './errors.js';
import { isValidEmail, normaliseEmail, ROLES, type Person, type Role } from './person.js';
import { ROSTER_RULE_TEXTS } from '../../texts/rules.js';
import { fill } from '../../texts/fill.js';

/*
 * Validation of a whole roster, whatever it came from (a CSV file, Microsoft Entra ID). A roster is
 * imported all or nothing: every row is checked, every problem is reported with the row it is on, and
 * one bad row means nothing is written. That way HR fixes the file once instead of discovering the
 * problems one import at a time, and the stored organisation is never half old, half new.
 */

/** One person as the source gave it, untrimmed and unchecked. */
export interface RosterRow {
  /** The line of the file (1 = the header), or the position in the source. */
  line: number;
  email: string;
  name: string;
  /** Empty for the top of the organisation. */
  leaderEmail: string;
  department: string;
  /** Roles separated by `;`, each one of employee, leader, hr. */
  roles: string;
  /** How to point at this row in messages, when not a line of a file (e.g. an Entra user). */
  where?: string;
  /** The Entra object id, when the source knows it (Entra ID does, a CSV file does not). */
  aadObjectId?: string;
}

/** A problem with one row; `line` lets tools sort and format without parsing `where`. */
export interface RosterIssue extends ValidationIssue {
  line: number;
}

export type RosterValidation =
  { ok: true; people: Person[] } | { ok: false; issues: RosterIssue[] };

export const MAX_NAME_LENGTH = 200;
export const MAX_DEPARTMENT_LENGTH = 200;
/** A message about a leader lists at most this many of their team's lines. */
const MAX_LINES_LISTED = 10;

/** Danish words HR may well type in a Danish spreadsheet, accepted beside the English role names. */
const ROLE_ALIASES: Record<string, Role> = {
  employee: 'employee',
  medarbejder: 'employee',
  leader: 'leader',
  leder: 'leader',
  hr: 'hr',
};

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** `linje 7 / line 7`: the Danish reader first, as everywhere in the product. */
export function lineLabel(line: number): string {
  return `linje ${line} / line ${line}`;
}

function whereOf(row: RosterRow): string {
  return row.where ?? lineLabel(row.line);
}

/** How a row is named inside a message about another row: `linje 4` / `line 4`, or its own label. */
function refOf(row: RosterRow): Bilingual {
  return row.where
    ? { da: row.where, en: row.where }
    : fill(ROSTER_RULE_TEXTS.line, { line: row.line });
}

function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function parseRoles(text: string): { roles: Role[]; bad: string[] } {
  const roles: Role[] = [];
  const bad: string[] = [];
  for (const part of text.split(';')) {
    const word = part.trim().toLowerCase();
    if (!word) continue;
    const role = ROLE_ALIASES[word];
    if (!role) bad.push(part.trim());
    else if (!roles.includes(role)) roles.push(role);
  }
  // Keep a stable order so that a re-import with roles written differently is not a change.
  roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
  return { roles, bad };
}

interface CheckedRow {
  row: RosterRow;
  email: string;
  emailOk: boolean;
  name: string;
  department: string;
  leaderEmail: string;
  roles: Role[];
}

/**
 * Checks a whole roster and returns either the people, normalised (trimmed, lower-case emails, roles
 * deduplicated), or every problem found, each naming its row and the reason in Danish and English.
 */
export function validateRoster(orgId: string, rows: readonly RosterRow[]): RosterValidation {
  const issues: RosterIssue[] = [];
  const report = (row: RosterRow, message: Bilingual): void => {
    issues.push({ where: whereOf(row), line: row.line, message });
  };

  if (rows.length === 0) {
    issues.push({
      where: 'fil / file',
      line: 0,
      message: ROSTER_RULE_TEXTS.thereAreNoPeople,
    });
    return { ok: false, issues };
  }

  const checked = rows.map((row) => checkRow(row, report));

  // The first row with an email owns it; later rows with the same email are the duplicates.
  const byEmail = new Map<string, CheckedRow>();
  for (const c of checked) {
    if (!c.emailOk) continue;
    const first = byEmail.get(c.email);
    if (first) {
      const a = refOf(first.row);
      const b = refOf(c.row);
      report(c.row, fill(ROSTER_RULE_TEXTS.emailAddressAppearsTwice, { email: c.email, a, b }));
    } else {
      byEmail.set(c.email, c);
    }
  }

  // Leaders must be in the same roster and carry the leader role. A missing role is reported once, on
  // the leader's own row, since that is the one line to fix.
  const ledBy = new Map<CheckedRow, CheckedRow[]>();
  for (const c of checked) {
    if (!c.leaderEmail || !isValidEmail(c.leaderEmail)) continue;
    const leader = byEmail.get(c.leaderEmail);
    if (!leader) {
      report(c.row, fill(ROSTER_RULE_TEXTS.leaderNotListAdd, { leaderEmail: c.leaderEmail }));
      continue;
    }
    if (leader !== c && !leader.roles.includes('leader')) {
      const team = ledBy.get(leader);
      if (team) team.push(c);
      else ledBy.set(leader, [c]);
    }
  }
  for (const [leader, team] of ledBy) {
    const shown = team.slice(0, MAX_LINES_LISTED);
    const more = team.length - shown.length;
    const da = shown.map((m) => refOf(m.row).da).join(', ') + (more ? ` og ${more} flere` : '');
    const en = shown.map((m) => refOf(m.row).en).join(', ') + (more ? ` and ${more} more` : '');
    report(
      leader.row,
      fill(ROSTER_RULE_TEXTS.namedAsLeaderBut, {
        value: leader.name || leader.email,
        value2: { da: da, en: en },
      }),
    );
  }

  for (const cycle of findLeaderCycles(checked, byEmail)) {
    const first = cycle[0];
    if (!first) continue;
    const chain = [...cycle, first].map((c) =>
      fill(ROSTER_RULE_TEXTS.text, { value: c.name || c.email, refOf: refOf(c.row) }),
    );
    report(
      first.row,
      cycle.length === 1
        ? fill(ROSTER_RULE_TEXTS.namedAsTheirOwn, {
            value: { da: chain[0]?.da ?? '', en: chain[0]?.en ?? '' },
          })
        : fill(ROSTER_RULE_TEXTS.leaderChainGoesRound, {
            map: { da: chain.map((c) => c.da).join(' → '), en: chain.map((c) => c.en).join(' → ') },
          }),
    );
  }

  if (issues.length > 0) {
    issues.sort((a, b) => a.line - b.line);
    return { ok: false, issues };
  }
  return {
    ok: true,
    people: checked.map((c) => {
      const person: Person = {
        orgId,
        email: c.email,
        name: c.name,
        department: c.department,
        roles: c.roles,
      };
      if (c.leaderEmail) person.leaderEmail = c.leaderEmail;
      if (c.row.aadObjectId) person.teams = { aadObjectId: c.row.aadObjectId };
      return person;
    }),
  };
}

function checkRow(
  row: RosterRow,
  report: (row: RosterRow, message: Bilingual) => void,
): CheckedRow {
  const email = normaliseEmail(row.email);
  const name = row.name.trim();
  const department = row.department.trim();
  const leaderEmail = normaliseEmail(row.leaderEmail);
  let emailOk = false;

  if (!email) {
    report(row, ROSTER_RULE_TEXTS.emailAddressMissing);
  } else if (!isValidEmail(email)) {
    report(row, fill(ROSTER_RULE_TEXTS.notValidEmailAddress, { shorten: shorten(email) }));
  } else {
    emailOk = true;
  }

  if (!name) {
    report(row, ROSTER_RULE_TEXTS.nameMissing);
  } else if (name.length > MAX_NAME_LENGTH) {
    report(
      row,
      fill(ROSTER_RULE_TEXTS.nameTooLongCharacters, { length: name.length, MAX_NAME_LENGTH }),
    );
  } else if (CONTROL_CHARACTERS.test(name)) {
    report(row, ROSTER_RULE_TEXTS.nameContainsInvisibleControl);
  }

  if (department.length > MAX_DEPARTMENT_LENGTH) {
    report(
      row,
      fill(ROSTER_RULE_TEXTS.departmentTooLongCharacters, {
        length: department.length,
        MAX_DEPARTMENT_LENGTH,
      }),
    );
  } else if (CONTROL_CHARACTERS.test(department)) {
    report(row, ROSTER_RULE_TEXTS.departmentContainsInvisibleControl);
  }

  if (leaderEmail && !isValidEmail(leaderEmail)) {
    report(row, fill(ROSTER_RULE_TEXTS.leaderEmailNotValid, { shorten: shorten(leaderEmail) }));
  }

  const { roles, bad } = parseRoles(row.roles);
  const allowed = ROLES.join(', ');
  if (bad.length > 0) {
    const list = bad.map((b) => `"${shorten(b, 30)}"`).join(', ');
    report(row, fill(ROSTER_RULE_TEXTS.unknownRoleUseOne, { list, allowed }));
  } else if (roles.length === 0) {
    report(row, fill(ROSTER_RULE_TEXTS.roleMissingUseOne, { allowed }));
  }

  return { row, email, emailOk, name, department, leaderEmail, roles };
}

/**
 * Finds every cycle in the leader chains (a → b → … → a), each once, starting at its member that
 * comes first in the roster. Chains that end outside the roster or at the top simply end.
 */
function findLeaderCycles(
  checked: readonly CheckedRow[],
  byEmail: ReadonlyMap<string, CheckedRow>,
): CheckedRow[][] {
  const state = new Map<CheckedRow, 'visiting' | 'done'>();
  const cycles: CheckedRow[][] = [];
  for (const start of checked) {
    if (byEmail.get(start.email) !== start) continue;
    const path: CheckedRow[] = [];
    let current: CheckedRow | undefined = start;
    while (current && !state.has(current)) {
      state.set(current, 'visiting');
      path.push(current);
      current = current.leaderEmail ? byEmail.get(current.leaderEmail) : undefined;
    }
    if (current && state.get(current) === 'visiting') {
      const cycle = path.slice(path.indexOf(current));
      const firstInRoster = cycle.reduce(
        (min, c, i) => (c.row.line < (cycle[min]?.row.line ?? Infinity) ? i : min),
        0,
      );
      cycles.push([...cycle.slice(firstInRoster), ...cycle.slice(0, firstInRoster)]);
    }
    for (const c of path) state.set(c, 'done');
  }
  return cycles;
}
