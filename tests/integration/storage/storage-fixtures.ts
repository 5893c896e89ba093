import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import type { Person } from '../../../bot/mus/person.js';
import { newRound, type Round } from '../../../bot/mus/round.js';
import { newSkema, type Skema } from '../../../bot/mus/skema.js';

/** Builders for the domain values the storage tests write; each test adds what it is about. */

export const ORG = 'tenant-1';
export const NOW = new Date('2026-03-02T09:00:00Z');

export function person(email: string, overrides: Partial<Person> = {}): Person {
  return {
    orgId: ORG,
    email,
    name: email.split('@')[0] ?? email,
    department: 'Drift',
    roles: ['employee'],
    ...overrides,
  };
}

export function round(id = 'mus-2026', orgId = ORG): Round {
  return newRound({
    orgId,
    id,
    name: 'MUS 2026',
    createdBy: 'hr@kommune.dk',
    now: NOW,
    template: defaultMusTemplate(),
  });
}

export function skema(employeeEmail: string, leaderEmail: string, roundId = 'mus-2026'): Skema {
  return newSkema({
    orgId: ORG,
    roundId,
    employeeEmail,
    leaderEmail,
    template: defaultMusTemplate(),
    now: NOW,
    by: 'hr@kommune.dk',
  });
}
