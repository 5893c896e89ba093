import { randomBytes } from 'node:crypto';
import { demand, may } from '../mus/access-rules.js';
import { defaultTemplateFor } from '../mus/default-template.js';
import type { Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import type { Repositories } from '../mus/repositories.js';
import { newRound, type Round, type RoundKind } from '../mus/round.js';

/** A round id that reads well in logs and links: the name's letters plus a short random suffix. */
export function roundIdFor(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'oe')
    .replace(/[å]/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'runde'}-${randomBytes(3).toString('hex')}`;
}

/** HR creates a round (MUS unless said) with its kind's default skema and default deadlines. */
export async function createRound(
  deps: { repositories: Repositories; now: () => Date },
  args: { by: Person; name: string; kind?: RoundKind },
): Promise<Versioned<Round>> {
  demand(may.manageRounds(args.by));
  const kind = args.kind ?? 'MUS';
  const round = newRound({
    orgId: args.by.orgId,
    id: roundIdFor(args.name),
    name: args.name,
    kind,
    createdBy: args.by.email,
    now: deps.now(),
    template: defaultTemplateFor(kind),
  });
  return deps.repositories.rounds.create(round);
}
