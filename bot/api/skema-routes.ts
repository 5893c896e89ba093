import type { Request, Server } from 'restify';
import { z } from 'zod';
import { AGREEMENT_STATUSES, AGREEMENT_TEXT_MAX } from '../mus/agreement.js';
import type { Versioned } from '../mus/errors.js';
import type { Person } from '../mus/person.js';
import { agreementIdSchema, emailSchema, etagSchema, roundIdSchema } from '../mus/input-fields.js';
import {
  ANSWER_MAX_CHARS,
  NOTE_MAX_CHARS,
  PRIVATE_NOTE_MAX_CHARS,
  SECTION_ID,
  TEMPLATE_MAX_SECTIONS,
} from '../mus/skema-template.js';
import { COMMENT_MAX_CHARS, type Skema } from '../mus/skema.js';
import { acknowledgeSkema } from '../skema/acknowledge-skema.js';
import { addAgreement, removeAgreement, updateAgreement } from '../skema/agreements.js';
import { finaliseSkema } from '../skema/finalise-skema.js';
import { savePrivateNote } from '../skema/private-note.js';
import { readSkema } from '../skema/read-skema.js';
import { saveAnswers } from '../skema/save-answers.js';
import { saveTalkNotes } from '../skema/save-talk-notes.js';
import type { SkemaRef } from '../skema/skema-access.js';
import type { SkemaServices } from '../skema/skema-services.js';
import { skemaView } from '../skema/skema-view.js';
import { startTalk } from '../skema/start-talk.js';
import { changeTalkClock, readTalkClock } from '../skema/talk-clock.js';
import { TALK_CLOCK_ACTIONS } from '../mus/talk-clock.js';
import { apiRoute, type ApiResult, type ApiRouteDeps } from './api-route.js';
import { MINIMAL_APPLIED, prefersMinimal, savedSkema } from './prefer-minimal.js';
import { parseInput, refinementText } from './validate-input.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';
import { fill } from '../../texts/fill.js';

/*
 * The tab's skema API. Every route signs the caller in, validates path and body with zod (unknown
 * fields refused), and calls one use case from bot/skema/, which applies the access rules. Emails in
 * paths are URL-encoded and matched in lower case. Writes carry the ETag the caller read; a stale one
 * gets 412 with `error.current` and `error.changed`. Texts are stored and returned verbatim.
 *
 *   GET    /api/rounds/:roundId/skemas/:email                     → SkemaView
 *   PUT    /api/rounds/:roundId/skemas/:email/answers             → SkemaView
 *   POST   /api/rounds/:roundId/skemas/:email/start               → SkemaView
 *   PUT    /api/rounds/:roundId/skemas/:email/talk-notes          → SkemaView
 *   PUT    /api/rounds/:roundId/skemas/:email/private-note        → PrivateNoteView
 *   POST   /api/rounds/:roundId/skemas/:email/agreements          → 201 AgreementView
 *   PATCH  /api/rounds/:roundId/skemas/:email/agreements/:id      → AgreementView
 *   DELETE /api/rounds/:roundId/skemas/:email/agreements/:id      → 204
 *   GET    /api/rounds/:roundId/skemas/:email/talk-clock          → TalkClockAnswer
 *   POST   /api/rounds/:roundId/skemas/:email/talk-clock          → TalkClockAnswer (pause, resume,
 *                                                                  reset, end; no ETag needed)
 *   POST   /api/rounds/:roundId/skemas/:email/finalise            → SkemaView
 *   POST   /api/rounds/:roundId/skemas/:email/acknowledge         → SkemaView
 */

const SKEMA_PATH = '/api/rounds/:roundId/skemas/:email';

const texts = (max: number) =>
  z
    .record(z.string().regex(SECTION_ID), z.string().max(max))
    .refine(
      (r) => Object.keys(r).length <= TEMPLATE_MAX_SECTIONS,
      refinementText(fill(ERRORS_TEXTS.skemaRoutes.atMostSections, { TEMPLATE_MAX_SECTIONS })),
    );

const skemaPath = z.strictObject({ roundId: roundIdSchema, email: emailSchema });
const agreementPath = skemaPath.extend({ id: agreementIdSchema });

export const answersBody = z.strictObject({
  answers: texts(ANSWER_MAX_CHARS),
  submit: z.boolean().optional(),
  etag: etagSchema,
});
export const etagBody = z.strictObject({ etag: etagSchema });
export const talkNotesBody = z.strictObject({
  talkNotes: texts(NOTE_MAX_CHARS).optional(),
  understandings: z.array(z.boolean()).length(4).optional(),
  talkAt: z.iso.datetime({ offset: true }).nullable().optional(),
  etag: etagSchema,
});
export const privateNoteBody = z.strictObject({
  text: z.string().max(PRIVATE_NOTE_MAX_CHARS),
  etag: etagSchema.nullable(),
});
const agreementText = z.string().trim().min(1).max(AGREEMENT_TEXT_MAX);
export const newAgreementBody = z.strictObject({
  what: agreementText,
  ownerEmail: emailSchema,
  dueDate: z.iso.date(),
});
export const agreementChangeBody = z
  .strictObject({
    status: z.enum(AGREEMENT_STATUSES).optional(),
    what: agreementText.optional(),
    dueDate: z.iso.date().optional(),
    etag: etagSchema,
  })
  .refine(
    (b) => b.status !== undefined || b.what !== undefined || b.dueDate !== undefined,
    refinementText(ERRORS_TEXTS.skemaRoutes.sayWhatChangeStatus),
  );
export const talkClockBody = z.strictObject({ action: z.enum(TALK_CLOCK_ACTIONS) });
export const finaliseBody = z.strictObject({
  etag: etagSchema,
  followUpDate: z.iso.date().optional(),
});
export const acknowledgeBody = z.strictObject({
  etag: etagSchema,
  comment: z.string().max(COMMENT_MAX_CHARS).optional(),
});

function skemaRef(req: Request): SkemaRef {
  const { roundId, email } = parseInput(skemaPath, req.params, 'path');
  return { roundId, employeeEmail: email };
}

/** The parsed JSON body (restify leaves it undefined when none was sent). */
function body(req: Request): unknown {
  return req.body as unknown;
}

export function registerSkemaRoutes(
  server: Server,
  deps: ApiRouteDeps & { services: SkemaServices },
): void {
  const { services } = deps;

  /** An autosave's answer: the short one when the tab asks for it, else the whole view. */
  const savedAnswer = async (
    req: Request,
    viewer: Person,
    saved: Versioned<Skema>,
  ): Promise<ApiResult> =>
    prefersMinimal(req)
      ? { body: savedSkema(saved), headers: MINIMAL_APPLIED }
      : { body: await skemaView(services, viewer, saved) };

  server.get(
    SKEMA_PATH,
    apiRoute(deps, async (req, viewer) => ({
      body: await readSkema(services, viewer, skemaRef(req)),
    })),
  );

  server.put(
    `${SKEMA_PATH}/answers`,
    apiRoute(deps, async (req, viewer) => {
      const ref = skemaRef(req);
      const input = parseInput(answersBody, body(req));
      const saved = await saveAnswers(services, viewer, ref, {
        answers: input.answers,
        submit: input.submit ?? false,
        etag: input.etag,
      });
      return savedAnswer(req, viewer, saved);
    }),
  );

  server.post(
    `${SKEMA_PATH}/start`,
    apiRoute(deps, async (req, viewer) => {
      const ref = skemaRef(req);
      return { body: await startTalk(services, viewer, ref, parseInput(etagBody, body(req))) };
    }),
  );

  server.put(
    `${SKEMA_PATH}/talk-notes`,
    apiRoute(deps, async (req, viewer) => {
      const ref = skemaRef(req);
      const input = parseInput(talkNotesBody, body(req));
      return savedAnswer(req, viewer, await saveTalkNotes(services, viewer, ref, input));
    }),
  );

  server.put(
    `${SKEMA_PATH}/private-note`,
    apiRoute(deps, async (req, viewer) => {
      const ref = skemaRef(req);
      return {
        body: await savePrivateNote(services, viewer, ref, parseInput(privateNoteBody, body(req))),
      };
    }),
  );

  server.post(
    `${SKEMA_PATH}/agreements`,
    apiRoute(deps, async (req, viewer) => {
      const ref = skemaRef(req);
      const input = parseInput(newAgreementBody, body(req));
      return { status: 201, body: await addAgreement(services, viewer, ref, input) };
    }),
  );

  server.patch(
    `${SKEMA_PATH}/agreements/:id`,
    apiRoute(deps, async (req, viewer) => {
      const { roundId, email, id } = parseInput(agreementPath, req.params, 'path');
      const change = parseInput(agreementChangeBody, body(req));
      const ref = { roundId, employeeEmail: email };
      return { body: await updateAgreement(services, viewer, ref, id, change) };
    }),
  );

  server.del(
    `${SKEMA_PATH}/agreements/:id`,
    apiRoute(deps, async (req, viewer) => {
      const { roundId, email, id } = parseInput(agreementPath, req.params, 'path');
      await removeAgreement(services, viewer, { roundId, employeeEmail: email }, id);
      return { status: 204 };
    }),
  );

  server.get(
    `${SKEMA_PATH}/talk-clock`,
    apiRoute(deps, async (req, viewer) => ({
      body: await readTalkClock(services, viewer, skemaRef(req)),
    })),
  );

  server.post(
    `${SKEMA_PATH}/talk-clock`,
    apiRoute(deps, async (req, viewer) => {
      const ref = skemaRef(req);
      const { action } = parseInput(talkClockBody, body(req));
      return { body: await changeTalkClock(services, viewer, ref, action) };
    }),
  );

  server.post(
    `${SKEMA_PATH}/finalise`,
    apiRoute(deps, async (req, viewer) => {
      const ref = skemaRef(req);
      return {
        body: await finaliseSkema(services, viewer, ref, parseInput(finaliseBody, body(req))),
      };
    }),
  );

  server.post(
    `${SKEMA_PATH}/acknowledge`,
    apiRoute(deps, async (req, viewer) => {
      const ref = skemaRef(req);
      return {
        body: await acknowledgeSkema(services, viewer, ref, parseInput(acknowledgeBody, body(req))),
      };
    }),
  );
}
