import { EVALUATION_VERB, evaluationCard } from '../../cards/step-5-evaluation-card.js';
import { submitEvaluation } from '../../evaluation/submit-evaluation.js';
import type { Bilingual } from '../../mus/bilingual.js';
import { ConflictError, RuleError, ValidationError } from '../../mus/errors.js';
import { EVALUATION_STATEMENTS, type EvaluationInput } from '../../mus/evaluation.js';
import type { BotServices } from '../bot-services.js';
import type { CardActionHandler } from '../turn.js';
import { readPayload, roundPayload } from './card-payloads.js';
import { CHAT_TEXTS } from '../../../texts/chat.js';

const MALFORMED: Bilingual = CHAT_TEXTS.evaluationActions.malformed;
const SCORE = /^[1-5]$/;

/**
 * What the card sent, as the domain checks it: `score_<statementId>` choices arrive as the strings
 * "1"–"5"; anything else is passed on as it came, so validation names it.
 */
function readInput(data: Record<string, unknown>): {
  input: EvaluationInput;
  typed: { scores: Record<string, string>; comment?: string };
} {
  const scores: Record<string, unknown> = {};
  const typed: { scores: Record<string, string>; comment?: string } = { scores: {} };
  for (const s of EVALUATION_STATEMENTS) {
    const raw = data[`score_${s.id}`];
    if (raw === undefined || raw === '') continue;
    if (typeof raw === 'string' && SCORE.test(raw)) {
      scores[s.id] = Number(raw);
      typed.scores[s.id] = raw;
    } else {
      scores[s.id] = raw;
    }
  }
  const comment = data.comment;
  if (typeof comment === 'string') typed.comment = comment;
  return { input: { scores, ...(comment === undefined ? {} : { comment }) }, typed };
}

function joinIssues(error: ValidationError): Bilingual {
  return {
    da: [error.userMessage.da, ...error.issues.map((i) => i.message.da)].join(' '),
    en: [error.userMessage.en, ...error.issues.map((i) => i.message.en)].join(' '),
  };
}

/**
 * The step-5 card's button: stores the anonymous evaluation and answers with the thank-you card, or
 * shows on the card why not (not started, closed, too late, already answered, invalid input).
 */
export function evaluationActions(services: BotServices): Record<string, CardActionHandler> {
  return {
    [EVALUATION_VERB]: async (turn, data) => {
      const person = turn.person;
      if (!person) return { message: CHAT_TEXTS.commands.notOnRoster };
      const payload = readPayload(roundPayload, data);
      if (!payload) return { message: MALFORMED };
      const { roundId } = payload;
      const round = await services.repositories.rounds.get(person.orgId, roundId);
      if (!round) {
        return { message: CHAT_TEXTS.evaluationActions.roundDoesNotExist };
      }
      const view = { locale: turn.locale, round: round.value };
      const { input, typed } = readInput(data);
      try {
        await submitEvaluation(services, person, roundId, input);
      } catch (error) {
        if (error instanceof ConflictError) {
          return { card: evaluationCard({ ...view, answered: true, notice: error.userMessage }) };
        }
        if (error instanceof RuleError) {
          return { card: evaluationCard({ ...view, closed: error.userMessage }) };
        }
        if (error instanceof ValidationError) {
          return { card: evaluationCard({ ...view, error: joinIssues(error), values: typed }) };
        }
        throw error;
      }
      return { card: evaluationCard({ ...view, answered: true }) };
    },
  };
}
