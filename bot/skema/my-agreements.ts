import { isOpenAgreement, type Agreement } from '../mus/agreement.js';
import type { Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import type { Skema } from '../mus/skema.js';
import type { SkemaServices } from './skema-services.js';
import { agreementView, type AgreementView, type PersonRef } from './skema-view.js';

/** An agreement as a list shows it: with the round and the two people of the talk it came from. */
export interface AgreementListItem extends AgreementView {
  roundId: string;
  roundName: string;
  employee: PersonRef;
  leader: PersonRef;
  owner: PersonRef;
}

export interface MyAgreements {
  /** Agreements from the viewer's own talks, and those the viewer carries out, any status. */
  mine: AgreementListItem[];
  /** Open agreements (open or in progress) from the talks the viewer held as leader. */
  team: AgreementListItem[];
}

/**
 * The follow-up list (the method's third phase) across all rounds: the employee sees their own
 * agreements; a leader also sees their team's open ones. Only agreements from skemas the viewer is a
 * party to are read, so nobody sees anyone else's. Oldest due date first.
 */
export async function myAgreements(services: SkemaServices, viewer: Person): Promise<MyAgreements> {
  const { repositories } = services;
  const orgId = viewer.orgId;
  const rounds = await repositories.rounds.list(orgId);
  const names = new Map<string, Promise<string>>();
  const ref = async (email: string): Promise<PersonRef> => {
    if (!names.has(email)) {
      names.set(
        email,
        repositories.people.get(orgId, email).then((p) => p?.value.name ?? email),
      );
    }
    return { email, name: await names.get(email)! };
  };
  const item = async (
    roundName: string,
    skema: Pick<Skema, 'roundId' | 'employeeEmail' | 'leaderEmail'>,
    agreement: Versioned<Agreement>,
  ): Promise<AgreementListItem> => ({
    ...agreementView(viewer, skema, agreement),
    roundId: skema.roundId,
    roundName,
    employee: await ref(skema.employeeEmail),
    leader: await ref(skema.leaderEmail),
    owner: await ref(agreement.value.ownerEmail),
  });

  const mine: AgreementListItem[] = [];
  const team: AgreementListItem[] = [];
  for (const round of rounds) {
    const [own, led] = await Promise.all([
      repositories.skemas.get(orgId, round.id, viewer.email),
      repositories.skemas.listByLeader(orgId, round.id, viewer.email),
    ]);
    if (own) {
      const list = await repositories.agreements.listForSkema(orgId, round.id, viewer.email);
      for (const a of list) mine.push(await item(round.name, own.value, a));
    }
    for (const { value: skema } of led) {
      const list = await repositories.agreements.listForSkema(orgId, round.id, skema.employeeEmail);
      for (const a of list) {
        if (a.value.ownerEmail === viewer.email) mine.push(await item(round.name, skema, a));
        if (isOpenAgreement(a.value)) team.push(await item(round.name, skema, a));
      }
    }
  }
  const byDue = (a: AgreementListItem, b: AgreementListItem): number =>
    a.dueDate.localeCompare(b.dueDate) || a.createdAt.localeCompare(b.createdAt);
  return { mine: mine.sort(byDue), team: team.sort(byDue) };
}
