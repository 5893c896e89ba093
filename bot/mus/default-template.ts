import type { Bilingual } from './bilingual.js';
import { talkFullName, talkName, talkPurpose } from './glossary.js';
import type { RoundKind } from './round.js';
import type { SkemaTemplate, TemplateSection } from './skema-template.js';
import {
  AGREEMENTS_SECTION_TEXTS,
  COMMON_UNDERSTANDING_TEXTS,
  LEADERSHIP_QUESTION_TEXTS,
  PHASE_TEXTS,
  SKEMA_TEMPLATE_TEXTS,
  type SectionTexts,
  WATCH_OUT_TEXTS,
} from '../../texts/method.js';
import { fill } from '../../texts/fill.js';

/**
 * A kind's default skema: its questions in catalogue order, then the agreements section. Each call
 * copies the texts, so editing one round's skema never changes the catalogue or another round.
 */
function templateOf(kind: RoundKind): SkemaTemplate {
  const section = (
    id: string,
    kind: TemplateSection['kind'],
    texts: SectionTexts,
  ): TemplateSection => ({
    id,
    kind,
    title: { ...texts.title },
    prompt: { ...texts.prompt },
  });
  return {
    sections: [
      ...Object.entries(SKEMA_TEMPLATE_TEXTS[kind]).map(([id, texts]) =>
        section(id, 'question', texts),
      ),
      section('aftaler', 'agreements', AGREEMENTS_SECTION_TEXTS),
    ],
  };
}

/**
 * The default MUS-skema, built on the method's four common understandings, written in our own words.
 * HR may change the wording or add and remove questions for a round before step 3 is launched.
 */
export function defaultMusTemplate(): SkemaTemplate {
  return templateOf('MUS');
}

/**
 * GRUS, the group development talk: the team looks at its shared contribution to the core task. Every
 * member prepares the same questions about the team; the talk is held with the whole team.
 */
export function defaultGrusTemplate(): SkemaTemplate {
  return templateOf('GRUS');
}

/**
 * LUS, the leader development talk: a leader's own talk with their leader, about how their leadership
 * makes the core task get solved.
 */
export function defaultLusTemplate(): SkemaTemplate {
  return templateOf('LUS');
}

/** The default template for a round of the given kind. */
export function defaultTemplateFor(kind: RoundKind): SkemaTemplate {
  if (kind === 'GRUS') return defaultGrusTemplate();
  if (kind === 'LUS') return defaultLusTemplate();
  return defaultMusTemplate();
}

/** What each kind of round is called, for cards and the tab. */
export const ROUND_KIND_NAMES: Record<RoundKind, Bilingual> = {
  MUS: talkFullName('MUS'),
  GRUS: talkFullName('GRUS'),
  LUS: talkFullName('LUS'),
};

/** The four common understandings leader and employee must share before the talk (the tab's checklist). */
export const COMMON_UNDERSTANDINGS: readonly Bilingual[] = Object.values(
  COMMON_UNDERSTANDING_TEXTS,
);

/** The method's three phases of each MUS. */
export const PHASES: readonly Bilingual[] = Object.values(PHASE_TEXTS);

/** What leaders should watch out for, in our words. */
export const WATCH_OUTS: readonly { title: Bilingual; text: Bilingual }[] =
  Object.values(WATCH_OUT_TEXTS);

/** Questions for the leadership team to discuss before a round of the given kind (step 1). */
export function leadershipQuestions(kind: RoundKind): readonly Bilingual[] {
  const talk = talkName(kind);
  return [
    fill(LEADERSHIP_QUESTION_TEXTS.whatGoodExperiencesWith, { talk }),
    LEADERSHIP_QUESTION_TEXTS.whatDoOurLeaders,
    LEADERSHIP_QUESTION_TEXTS.howDoWeHelp,
  ];
}

/** Questions for the leadership team before a MUS round (see leadershipQuestions for the others). */
export const LEADERSHIP_QUESTIONS: readonly Bilingual[] = leadershipQuestions('MUS');

/** The purpose of the new MUS in one sentence (step 2); talkPurpose gives it for every kind. */
export const MUS_PURPOSE: Bilingual = talkPurpose('MUS');
