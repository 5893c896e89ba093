import type { Request, Server } from 'restify';
import { z } from 'zod';
import {
  acknowledgeGroupTalk,
  finaliseGroupTalk,
  readGroupTalk,
  saveGroupTalkNotes,
  startGroupTalk,
} from '../group-talk/group-talk-use-cases.js';
import type { GroupTalkKey, GroupTalkServices } from '../group-talk/group-talk-view.js';
import { NOTE_MAX_CHARS, SECTION_ID, TEMPLATE_MAX_SECTIONS } from '../mus/skema-template.js';
import { apiRoute, type ApiRouteDeps } from './api-route.js';
import { emailSchema, etagSchema, roundIdSchema } from '../mus/input-fields.js';
import { parseInput, refinementText } from './validate-input.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';
import { fill } from '../../texts/fill.js';

/*
 * The tab's group talk API (GRUS): one shared talk per team, addressed by round and leader. Paths and
 * bodies are validated with zod (unknown fields refused); writes by the leader carry the ETag they
 * read, and a stale one gets 412 with `error.current` (the view) and `error.changed`. Who sees what
 * is decided in bot/group-talk/group-talk-view.ts: the leader everything, a member the frame and,
 * once finalised, the shared notes; anyone else 403.
 *
 *   GET  /api/rounds/:roundId/group-talks/:leader               → GroupTalkView (leader, member)
 *   PUT  /api/rounds/:roundId/group-talks/:leader/notes         → GroupTalkView (leader)
 *   POST /api/rounds/:roundId/group-talks/:leader/start         → GroupTalkView (leader)
 *   POST /api/rounds/:roundId/group-talks/:leader/finalise      → GroupTalkView (leader)
 *   POST /api/rounds/:roundId/group-talks/:leader/acknowledge   → GroupTalkView (member, finalised)
 */

const GROUP_PATH = '/api/rounds/:roundId/group-talks/:leader';

const groupPath = z.strictObject({ roundId: roundIdSchema, leader: emailSchema });

export const groupNotesBody = z.strictObject({
  notes: z
    .record(z.string().regex(SECTION_ID), z.string().max(NOTE_MAX_CHARS))
    .refine(
      (r) => Object.keys(r).length <= TEMPLATE_MAX_SECTIONS,
      refinementText(fill(ERRORS_TEXTS.groupTalkRoutes.atMostSections, { TEMPLATE_MAX_SECTIONS })),
    )
    .optional(),
  followUpDate: z.iso.date().nullable().optional(),
  etag: etagSchema,
});
export const groupEtagBody = z.strictObject({ etag: etagSchema });
export const groupAcknowledgeBody = z.strictObject({});

function groupKey(req: Request): GroupTalkKey {
  const { roundId, leader } = parseInput(groupPath, req.params, 'path');
  return { roundId, leaderEmail: leader };
}

function body(req: Request): unknown {
  return req.body as unknown;
}

export function registerGroupTalkRoutes(
  server: Server,
  deps: ApiRouteDeps & { services: GroupTalkServices },
): void {
  const { services } = deps;

  server.get(
    GROUP_PATH,
    apiRoute(deps, async (req, viewer) => ({
      body: await readGroupTalk(services, viewer, groupKey(req)),
    })),
  );

  server.put(
    `${GROUP_PATH}/notes`,
    apiRoute(deps, async (req, viewer) => {
      const key = groupKey(req);
      const input = parseInput(groupNotesBody, body(req));
      return { body: await saveGroupTalkNotes(services, viewer, key, input) };
    }),
  );

  server.post(
    `${GROUP_PATH}/start`,
    apiRoute(deps, async (req, viewer) => {
      const key = groupKey(req);
      const input = parseInput(groupEtagBody, body(req));
      return { body: await startGroupTalk(services, viewer, key, input) };
    }),
  );

  server.post(
    `${GROUP_PATH}/finalise`,
    apiRoute(deps, async (req, viewer) => {
      const key = groupKey(req);
      const input = parseInput(groupEtagBody, body(req));
      return { body: await finaliseGroupTalk(services, viewer, key, input) };
    }),
  );

  server.post(
    `${GROUP_PATH}/acknowledge`,
    apiRoute(deps, async (req, viewer) => {
      const key = groupKey(req);
      parseInput(groupAcknowledgeBody, body(req) ?? {});
      return { body: await acknowledgeGroupTalk(services, viewer, key) };
    }),
  );
}
