import { ForbiddenError } from './errors.js';
import { hasRole, type Person } from './person.js';
import { employeeCanEdit, leaderCanEditNotes, type PrivateNote, type Skema } from './skema.js';

type SkemaParties = Pick<Skema, 'employeeEmail' | 'leaderEmail'>;

/** How the viewer stands to a skema. HR is a relation only for progress and status, never contents. */
export type SkemaRelation = 'employee' | 'leader' | 'hr' | 'none';

export function relationTo(viewer: Person, skema: SkemaParties): SkemaRelation {
  if (viewer.email === skema.employeeEmail) return 'employee';
  if (viewer.email === skema.leaderEmail) return 'leader';
  if (hasRole(viewer, 'hr')) return 'hr';
  return 'none';
}

/**
 * Who may read or write what (docs/architecture.md, "Who sees what"). Every transport asks these before it touches storage.
 * The employee reads and writes their own preparation; their leader reads it and writes talk notes and
 * agreements; private notes are the leader's alone; HR sees status, never contents.
 */
export const may = {
  readSkemaContent: (viewer: Person, skema: SkemaParties): boolean => {
    const r = relationTo(viewer, skema);
    return r === 'employee' || r === 'leader';
  },
  readSkemaStatus: (viewer: Person, skema: SkemaParties): boolean =>
    relationTo(viewer, skema) !== 'none',
  writeAnswers: (viewer: Person, skema: Skema): boolean =>
    relationTo(viewer, skema) === 'employee' && employeeCanEdit(skema),
  writeTalkNotes: (viewer: Person, skema: Skema): boolean =>
    relationTo(viewer, skema) === 'leader' && leaderCanEditNotes(skema),
  finalise: (viewer: Person, skema: SkemaParties): boolean =>
    relationTo(viewer, skema) === 'leader',
  acknowledge: (viewer: Person, skema: SkemaParties): boolean =>
    relationTo(viewer, skema) === 'employee',
  readPrivateNote: (viewer: Person, note: Pick<PrivateNote, 'leaderEmail'>): boolean =>
    viewer.email === note.leaderEmail,
  manageAgreements: (viewer: Person, skema: SkemaParties): boolean =>
    relationTo(viewer, skema) === 'leader',
  readAgreements: (viewer: Person, skema: SkemaParties): boolean =>
    may.readSkemaContent(viewer, skema),
  /** The agreement's owner or the leader may move its status on. */
  updateAgreementStatus: (viewer: Person, skema: SkemaParties, ownerEmail: string): boolean =>
    viewer.email === ownerEmail || relationTo(viewer, skema) === 'leader',
  manageRounds: (viewer: Person): boolean => hasRole(viewer, 'hr'),
  launchSteps: (viewer: Person): boolean => hasRole(viewer, 'hr'),
  importRoster: (viewer: Person): boolean => hasRole(viewer, 'hr'),
  /** GDPR export and erasure of one person's data are HR's (the data controller's) tasks. */
  exportPersonalData: (viewer: Person): boolean => hasRole(viewer, 'hr'),
  erasePersonalData: (viewer: Person): boolean => hasRole(viewer, 'hr'),
};

/** Throws a ForbiddenError (with a message for the user) unless `allowed`. */
export function demand(allowed: boolean): void {
  if (!allowed) throw new ForbiddenError();
}
