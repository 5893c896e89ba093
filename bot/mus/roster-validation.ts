import type { Bilingual } from './bilingual.js';
import type { ValidationIssue } from './errors.js';
import { isValidEmail, normaliseEmail, ROLES, type Person, type Role } from './person.js';

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
    : { da: `linje ${row.line}`, en: `line ${row.line}` };
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
      message: {
        da: 'Der er ingen personer i listen.',
        en: 'There are no people in the list.',
      },
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
      report(c.row, {
        da: `E-mailadressen ${c.email} står to gange: på ${a.da} og på ${b.da}. Hver person må kun stå én gang.`,
        en: `The email address ${c.email} appears twice: on ${a.en} and on ${b.en}. Each person may appear only once.`,
      });
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
      report(c.row, {
        da: `Lederen ${c.leaderEmail} findes ikke i listen. Tilføj lederen, eller ret leder-e-mailen.`,
        en: `The leader ${c.leaderEmail} is not in the list. Add the leader, or correct the leader email.`,
      });
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
    report(leader.row, {
      da: `${leader.name || leader.email} er angivet som leder (${da}), men har ikke rollen leader.`,
      en: `${leader.name || leader.email} is named as leader (${en}) but does not have the role leader.`,
    });
  }

  for (const cycle of findLeaderCycles(checked, byEmail)) {
    const first = cycle[0];
    if (!first) continue;
    const chain = [...cycle, first].map((c) => ({
      da: `${c.name || c.email} (${refOf(c.row).da})`,
      en: `${c.name || c.email} (${refOf(c.row).en})`,
    }));
    report(
      first.row,
      cycle.length === 1
        ? {
            da: `${chain[0]?.da ?? ''} er angivet som sin egen leder.`,
            en: `${chain[0]?.en ?? ''} is named as their own leader.`,
          }
        : {
            da: `Lederkæden går i ring: ${chain.map((c) => c.da).join(' → ')}. Nogen i kæden skal have en anden leder eller ingen.`,
            en: `The leader chain goes round in a circle: ${chain.map((c) => c.en).join(' → ')}. Someone in the chain needs another leader or none.`,
          },
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
    report(row, { da: 'E-mailadressen mangler.', en: 'The email address is missing.' });
  } else if (!isValidEmail(email)) {
    report(row, {
      da: `"${shorten(email)}" er ikke en gyldig e-mailadresse.`,
      en: `"${shorten(email)}" is not a valid email address.`,
    });
  } else {
    emailOk = true;
  }

  if (!name) {
    report(row, { da: 'Navnet mangler.', en: 'The name is missing.' });
  } else if (name.length > MAX_NAME_LENGTH) {
    report(row, {
      da: `Navnet er for langt (${name.length} tegn, højst ${MAX_NAME_LENGTH}).`,
      en: `The name is too long (${name.length} characters, at most ${MAX_NAME_LENGTH}).`,
    });
  } else if (CONTROL_CHARACTERS.test(name)) {
    report(row, {
      da: 'Navnet indeholder usynlige kontroltegn.',
      en: 'The name contains invisible control characters.',
    });
  }

  if (department.length > MAX_DEPARTMENT_LENGTH) {
    report(row, {
      da: `Afdelingen er for lang (${department.length} tegn, højst ${MAX_DEPARTMENT_LENGTH}).`,
      en: `The department is too long (${department.length} characters, at most ${MAX_DEPARTMENT_LENGTH}).`,
    });
  } else if (CONTROL_CHARACTERS.test(department)) {
    report(row, {
      da: 'Afdelingen indeholder usynlige kontroltegn.',
      en: 'The department contains invisible control characters.',
    });
  }

  if (leaderEmail && !isValidEmail(leaderEmail)) {
    report(row, {
      da: `Leder-e-mailen "${shorten(leaderEmail)}" er ikke en gyldig e-mailadresse.`,
      en: `The leader email "${shorten(leaderEmail)}" is not a valid email address.`,
    });
  }

  const { roles, bad } = parseRoles(row.roles);
  const allowed = ROLES.join(', ');
  if (bad.length > 0) {
    const list = bad.map((b) => `"${shorten(b, 30)}"`).join(', ');
    report(row, {
      da: `Ukendt rolle ${list}. Brug en eller flere af ${allowed}, adskilt med semikolon.`,
      en: `Unknown role ${list}. Use one or more of ${allowed}, separated by semicolons.`,
    });
  } else if (roles.length === 0) {
    report(row, {
      da: `Rollen mangler. Brug en eller flere af ${allowed}, adskilt med semikolon.`,
      en: `The role is missing. Use one or more of ${allowed}, separated by semicolons.`,
    });
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
