import type { Locale } from '../mus/bilingual.js';
import { COMMON_UNDERSTANDINGS, PHASES } from '../mus/default-template.js';
import { roundTitle, talkName, talkPurpose, theSkema } from '../mus/glossary.js';
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
          text(t({ da: 'Fra HR', en: 'From HR' }), { weight: 'Bolder', size: 'Small' }),
          text(plain(t(invitation.text))),
        ],
        { style: 'emphasis' },
      ),
    );
  }
  if (invitation.questions.length) {
    parts.push(
      heading(
        t({
          da: 'Spørgsmål, du kan tænke over inden samtalen',
          en: 'Questions to think about before the talk',
        }),
        'Medium',
      ),
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
  const skema = theSkema(kind);
  return adaptiveCard(
    [
      heading(t({ da: `Din samtale · ${title}`, en: `Your talk · ${title}` })),
      text(t({ da: `Hej ${plain(view.employeeName)}`, en: `Hi ${plain(view.employeeName)}` })),
      text(t(talkPurpose(kind)), { weight: 'Bolder' }),
      coreTaskBlock(view.coreTask, view.locale),
      ...fromHr(view),
      heading(t({ da: 'Hvad sker der, og hvornår', en: 'What happens, and when' }), 'Medium'),
      facts([
        [
          t({ da: skema.da, en: `The ${talkName(kind)} form` }),
          t({
            da: `kommer her i chatten senest ${date(3)}`,
            en: `arrives here in the chat by ${date(3)}`,
          }),
        ],
        [
          t({ da: 'Samtalen (45 min.)', en: 'The talk (45 min.)' }),
          t({
            da: `med ${plain(view.leaderName)} senest ${date(4)}`,
            en: `with ${plain(view.leaderName)} by ${date(4)}`,
          }),
        ],
        [
          t({ da: 'Evaluering', en: 'Evaluation' }),
          t({
            da: `et kort, anonymt spørgeskema senest ${date(5)}`,
            en: `a short, anonymous survey by ${date(5)}`,
          }),
        ],
      ]),
      heading(t({ da: 'Tre faser', en: 'Three phases' }), 'Medium'),
      numbered(PHASES.map(t)),
      heading(t({ da: 'Sådan forbereder du dig', en: 'How to prepare' }), 'Medium'),
      text(
        t({
          da: 'Tænk over, hvordan du og din leder ser på disse fire ting — samtalen bygger på dem:',
          en: 'Think about how you and your leader see these four things — the talk builds on them:',
        }),
      ),
      numbered(COMMON_UNDERSTANDINGS.map(t)),
      bullets([
        t({
          da: 'Se fremad: hvad får vi brug for, og hvordan kan du bidrage?',
          en: 'Look forward: what will we need, and how can you contribute?',
        }),
        t({
          da: 'Skriv dine svar i skemaet, når det kommer. Du kan rette dem, indtil samtalen går i gang.',
          en: 'Write your answers in the form when it arrives. You can change them until the talk begins.',
        }),
      ]),
    ],
    {},
  );
}
