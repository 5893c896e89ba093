import { demand, may } from '../mus/access-rules.js';
import {
  agreementIssues,
  newAgreement,
  type Agreement,
  type AgreementStatus,
} from '../mus/agreement.js';
import {
  ForbiddenError,
  NotFoundError,
  RuleError,
  ValidationError,
  type Versioned,
} from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import { leaderCanEditNotes, type Skema } from '../mus/skema.js';
import { demandLeader, loadSkemaForParty, type SkemaRef } from './skema-access.js';
import { guardConflict, ViewConflictError } from './skema-conflict.js';
import type { SkemaServices } from './skema-services.js';
import { agreementView, type AgreementView } from './skema-view.js';
import { SKEMA_TEXTS } from '../../texts/skema.js';
import { fill } from '../../texts/fill.js';

/*
 * Agreements made in the talk (section 7: what, who, by when). The leader records them until the
 * skema is finalised; afterwards they are the agreed plan, and only their status moves on — by the
 * person who carries the agreement out, or by the leader.
 */

/** Enough for a real development plan; a bound so one skema cannot grow without limit. */
export const AGREEMENTS_MAX = 30;

const FINALISED = SKEMA_TEXTS.agreements.finalised;
const NO_AGREEMENT = SKEMA_TEXTS.agreements.noAgreement;

function demandOpen(skema: Skema): void {
  if (!leaderCanEditNotes(skema)) throw new RuleError(FINALISED);
}

function ownerIssue(skema: Skema, ownerEmail: string): ValidationError | undefined {
  if (ownerEmail === skema.employeeEmail || ownerEmail === skema.leaderEmail) return undefined;
  return new ValidationError([
    {
      where: 'ownerEmail',
      message: SKEMA_TEXTS.agreements.agreementCarriedOutBy,
    },
  ]);
}

/** The leader records an agreement; its owner is the employee or the leader. */
export async function addAgreement(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  input: { what: string; ownerEmail: string; dueDate: string },
): Promise<AgreementView> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  const skema = loaded.value;
  demandLeader(viewer, skema);
  demand(may.manageAgreements(viewer, skema));
  demandOpen(skema);
  const badOwner = ownerIssue(skema, input.ownerEmail);
  if (badOwner) throw badOwner;
  const existing = await services.repositories.agreements.listForSkema(
    viewer.orgId,
    ref.roundId,
    ref.employeeEmail,
  );
  if (existing.length >= AGREEMENTS_MAX) {
    throw new RuleError(fill(SKEMA_TEXTS.agreements.formCanHoldAt, { AGREEMENTS_MAX }));
  }
  const agreement = newAgreement({
    orgId: viewer.orgId,
    roundId: ref.roundId,
    employeeEmail: ref.employeeEmail,
    id: services.newId(),
    what: input.what,
    ownerEmail: input.ownerEmail,
    dueDate: input.dueDate,
    now: services.now(),
  });
  const saved = await services.repositories.agreements.add(agreement);
  return agreementView(viewer, skema, saved);
}

export interface AgreementChange {
  status?: AgreementStatus;
  what?: string;
  dueDate?: string;
  etag: string;
}

async function loadAgreement(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  id: string,
): Promise<{ skema: Skema; agreement: Versioned<Agreement> }> {
  const loaded = await loadSkemaForParty(services, viewer, ref);
  const agreement = await services.repositories.agreements.get(
    viewer.orgId,
    ref.roundId,
    ref.employeeEmail,
    id,
  );
  if (!agreement) throw new NotFoundError(NO_AGREEMENT);
  return { skema: loaded.value, agreement };
}

/**
 * Moves an agreement's status on (its owner or the leader, also after finalising) or, for the
 * leader before finalising, corrects its text or due date.
 */
export async function updateAgreement(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  id: string,
  change: AgreementChange,
): Promise<AgreementView> {
  const { skema, agreement } = await loadAgreement(services, viewer, ref, id);
  const current = agreement.value;
  if (change.status !== undefined) {
    demand(may.updateAgreementStatus(viewer, skema, current.ownerEmail));
  }
  if (change.what !== undefined || change.dueDate !== undefined) {
    demandLeader(viewer, skema);
    demandOpen(skema);
  }
  const next: Agreement = {
    ...current,
    status: change.status ?? current.status,
    what: change.what?.trim() ?? current.what,
    dueDate: change.dueDate ?? current.dueDate,
    updatedAt: services.now().toISOString(),
  };
  const issues = agreementIssues(next);
  if (issues.length) throw new ValidationError(issues);

  const conflict = (stored: Versioned<Agreement>): ViewConflictError<AgreementView> => {
    const changed = (['what', 'dueDate', 'status', 'ownerEmail'] as const).filter(
      (field) => next[field] !== stored.value[field],
    );
    return new ViewConflictError(agreementView(viewer, skema, stored), changed);
  };
  if (change.etag !== agreement.etag) throw conflict(agreement);
  const saved = await guardConflict(
    () => services.repositories.agreements.update(next, change.etag),
    async (error) => {
      const stored =
        (error.current as Versioned<Agreement> | undefined) ??
        (await services.repositories.agreements.get(
          viewer.orgId,
          ref.roundId,
          ref.employeeEmail,
          id,
        ));
      if (!stored) throw new NotFoundError(NO_AGREEMENT);
      return conflict(stored);
    },
  );
  return agreementView(viewer, skema, saved);
}

/** The leader removes an agreement made by mistake; not after finalising. */
export async function removeAgreement(
  services: SkemaServices,
  viewer: Person,
  ref: SkemaRef,
  id: string,
): Promise<void> {
  const { skema } = await loadAgreement(services, viewer, ref, id);
  if (!may.manageAgreements(viewer, skema)) {
    throw new ForbiddenError(SKEMA_TEXTS.agreements.onlyEmployeesLeaderCan);
  }
  demandOpen(skema);
  await services.repositories.agreements.remove(viewer.orgId, ref.roundId, ref.employeeEmail, id);
}
