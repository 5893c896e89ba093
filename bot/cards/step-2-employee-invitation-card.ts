import type { Locale } from '../mus/bilingual.js';
import { COMMON_UNDERSTANDINGS, PHASES } from '../mus/default-template.js';
import { roundTitle, talkName, talkPurpose } from '../mus/glossary.js';
import type { Round } from '../mus/round.js';
import { roundStep } from '../mus/round.js';
import {
  adaptiveCard,
  bullets,
  container,
  facts,
  heading,
  numbered,
  plain,
  text,
  type AdaptiveCard,
  type CardElement,
} from './elements.js';
import { coreTaskBlock } from './core-task-block.js';
import { formatDate, translator } from './format.js';
import { CARDS_TEXTS } from '../../texts/cards.js';
import { fill } from '../../texts/fill.js';

export interface EmployeeInvitationView {
  locale: Locale;
  employeeName: string;
  leaderName: string;
  coreTask: string;
  round: Pick<Round, 'name' | 'kind' | 'steps' | 'invitation'>;
}

/** HR's own words and questions for this round, when HR wrote any (the setup screen). */
function fromHr(view: EmployeeInvitationView): CardElement[] {
  const t = translator(view.locale);
  const invitation = view.round.invitation;
  if (!invitation) return [];
  const parts: CardElement[] = [];
  if (invitation.text) {
    parts.push(
      container(
        [
          text(t(CARDS_TEXTS.step2.fromHr), { weight: 'Bolder', size: 'Small' }),
          text(plain(t(invitation.text))),
        ],
        { style: 'emphasis' },
      ),
    );
  }
  if (invitation.questions.length) {
    parts.push(
      heading(t(CARDS_TEXTS.step2.questionsThinkAboutBefore), 'Medium'),
      numbered(invitation.questions.map((q) => plain(t(q)))),
    );
  }
  return parts;
}

/** Step 2: tells every employee what the new MUS is for, what happens when, and how to prepare. */
export function employeeInvitationCard(view: EmployeeInvitationView): AdaptiveCard {
  const t = translator(view.locale);
  const { kind } = view.round;
  const date = (step: 3 | 4 | 5): string =>
    formatDate(roundStep(view.round, step).deadline, view.locale);
  const title = plain(roundTitle(view.round.name, kind));
  return adaptiveCard(
    [
      heading(t(fill(CARDS_TEXTS.step2.yourTalk, { title }))),
      text(t(fill(CARDS_TEXTS.step2.hi, { employeeName: plain(view.employeeName) }))),
      text(t(talkPurpose(kind)), { weight: 'Bolder' }),
      coreTaskBlock(view.coreTask, view.locale),
      ...fromHr(view),
      heading(t(CARDS_TEXTS.step2.whatHappensWhen), 'Medium'),
      facts([
        [
          t(fill(CARDS_TEXTS.step2.theSkema, { talk: talkName(kind) })),
          t(fill(CARDS_TEXTS.step2.arrivesHereChatBy, { date: date(3) })),
        ],
        [
          t(CARDS_TEXTS.step2.talk45Min),
          t(fill(CARDS_TEXTS.step2.withBy, { leaderName: plain(view.leaderName), date: date(4) })),
        ],
        [
          t(CARDS_TEXTS.step2.evaluation),
          t(fill(CARDS_TEXTS.step2.shortAnonymousSurveyBy, { date: date(5) })),
        ],
      ]),
      heading(t(CARDS_TEXTS.step2.threePhases), 'Medium'),
      numbered(PHASES.map(t)),
      heading(t(CARDS_TEXTS.step2.howPrepare), 'Medium'),
      text(t(CARDS_TEXTS.step2.thinkAboutHowYou)),
      numbered(COMMON_UNDERSTANDINGS.map(t)),
      bullets([
        t(CARDS_TEXTS.step2.lookForwardWhatWill),
        t(CARDS_TEXTS.step2.writeYourAnswersForm),
      ]),
    ],
    {},
  );
}
