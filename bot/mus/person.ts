export const ROLES = ['employee', 'leader', 'hr'] as const;
export type Role = (typeof ROLES)[number];

/** Teams identities, learnt from installs and rosters; absent until the bot has seen the user. */
export interface TeamsIdentity {
  /** Bot Framework user id (`29:...`). */
  userId?: string;
  /** Entra ID object id (the `oid` claim of SSO tokens). */
  aadObjectId?: string;
  tenantId?: string;
}

export interface Person {
  orgId: string;
  /** Email/UPN, lower-case; the person's key. */
  email: string;
  name: string;
  department: string;
  /** The leader's email, absent for the top of the organisation. */
  leaderEmail?: string;
  roles: Role[];
  teams?: TeamsIdentity;
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

export function hasRole(person: Pick<Person, 'roles'>, role: Role): boolean {
  return person.roles.includes(role);
}
