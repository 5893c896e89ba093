import type { Versioned } from '../mus/errors.js';
import type { Bilingual } from '../mus/bilingual.js';
import { canEditInvitation, canEditTemplate, type Round, type RoundKind } from '../mus/round.js';
import type { SkemaTemplate } from '../mus/skema-template.js';
import { ROUND_RULE_TEXTS } from '../../texts/rules.js';
import type { StepTwoInvitation } from '../mus/step-two-invitation.js';

/** What the setup API answers for a round (GET/PUT template, deadlines, invitation; POST rounds). */
export interface RoundSetupView {
  id: string;
  name: string;
  kind: RoundKind;
  createdAt: string;
  closedAt: string | null;
  /** Each step's deadline (`YYYY-MM-DD`), keyed "1" … "5". */
  deadlines: Record<string, string>;
  /** When each step was launched, keyed "1" … "5"; null while it is not. */
  launched: Record<string, string | null>;
  template: SkemaTemplate;
  /** False once step 3 is launched (or the round is closed); `lockedBecause` says why. */
  editable: boolean;
  lockedBecause?: Bilingual;
  /** HR's own text and questions on the step-2 card (none: `{ questions: [] }`). */
  invitation: StepTwoInvitation;
  /** False once step 2 is launched (or the round is closed); `invitationLockedBecause` says why. */
  invitationEditable: boolean;
  invitationLockedBecause?: Bilingual;
  etag: string;
}

export function roundSetupView(stored: Versioned<Round>): RoundSetupView {
  const round = stored.value;
  const editable = canEditTemplate(round);
  const invitationEditable = canEditInvitation(round);
  return {
    id: round.id,
    name: round.name,
    kind: round.kind,
    createdAt: round.createdAt,
    closedAt: round.closedAt ?? null,
    deadlines: Object.fromEntries(round.steps.map((s) => [String(s.step), s.deadline])),
    launched: Object.fromEntries(round.steps.map((s) => [String(s.step), s.launchedAt ?? null])),
    template: round.template,
    editable,
    ...(editable ? {} : { lockedBecause: ROUND_RULE_TEXTS.templateLocked }),
    invitation: round.invitation ?? { questions: [] },
    invitationEditable,
    ...(invitationEditable ? {} : { invitationLockedBecause: ROUND_RULE_TEXTS.invitationLocked }),
    etag: stored.etag,
  };
}
