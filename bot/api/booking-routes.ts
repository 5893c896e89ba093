import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { bookTalk, suggestTalkTimes, talkIcsFile } from '../booking/book-talk.js';
import { addTabToMeeting } from '../booking/meeting-tab.js';
import {
  createTalkEvent,
  GraphCalendarError,
  readFreeBusy,
  type GraphCalendarOptions,
} from '../booking/graph-calendar.js';
import type { Skema } from '../mus/skema.js';
import { emailSchema, etagSchema, roundIdSchema } from '../mus/input-fields.js';
import type { SkemaServices } from '../skema/skema-services.js';
import { skemaView } from '../skema/skema-view.js';
import { apiRoute, sendApiError, type ApiRouteDeps } from './api-route.js';
import { parseInput } from './validate-input.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Booking the talk from the tab (docs: README, "Booking the talk"):
 *
 *   POST /api/rounds/:roundId/skemas/:email/booking        {startsAt, minutes?, etag} → {skema, event, employeeTold, meetingTab}
 *   GET  /api/rounds/:roundId/skemas/:email/booking/suggestions → {startsAt[], minutes, employeeCalendarKnown}
 *   GET  /api/rounds/:roundId/skemas/:email/booking.ics?startsAt=…&minutes=…   → text/calendar
 *
 * The POST passes the caller's SSO token on to Graph (on-behalf-of); without consent it answers 403
 * with code graph_consent_required and stores nothing, and the tab offers the .ics instead.
 */

const PATH = '/api/rounds/:roundId/skemas/:email';
const skemaPath = z.strictObject({ roundId: roundIdSchema, email: emailSchema });
const startsAt = z.iso.datetime({ offset: true });
const minutes = z.number().int().min(15).max(180);

export const bookingBody = z.strictObject({
  startsAt,
  minutes: minutes.optional(),
  etag: etagSchema,
});
const icsQuery = z.strictObject({
  startsAt,
  minutes: z.coerce.number().pipe(minutes).optional(),
});

export interface BookingRouteDeps extends ApiRouteDeps {
  services: SkemaServices;
  /** How Graph is reached; undefined when the app has no Entra credentials (dev mode). */
  calendar?: GraphCalendarOptions;
  notifyEmployee: (skema: Skema, text: string) => Promise<boolean>;
}

const NO_GRAPH = ERRORS_TEXTS.bookingRoutes.noGraph;

function bearer(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
}

export function registerBookingRoutes(server: Server, deps: BookingRouteDeps): void {
  const { services } = deps;

  server.post(
    `${PATH}/booking`,
    apiRoute(deps, async (req, viewer) => {
      const { roundId, email } = parseInput(skemaPath, req.params, 'path');
      const input = parseInput(bookingBody, req.body as unknown);
      const ssoToken = bearer(req);
      const calendar = deps.calendar;
      const result = await bookTalk(
        services,
        {
          createEvent: (event) => {
            if (!calendar || !ssoToken) throw new GraphCalendarError(NO_GRAPH);
            return createTalkEvent(calendar, ssoToken, event);
          },
          notifyEmployee: deps.notifyEmployee,
          addMeetingTab: (event, skema) =>
            calendar && ssoToken
              ? addTabToMeeting(calendar, ssoToken, {
                  joinUrl: event.joinUrl,
                  roundId: skema.roundId,
                  employeeEmail: skema.employeeEmail,
                })
              : Promise.resolve('not_configured' as const),
        },
        viewer,
        { roundId, employeeEmail: email },
        input,
      );
      return {
        body: {
          skema: await skemaView(services, viewer, result.skema),
          event: result.event,
          employeeTold: result.employeeTold,
          meetingTab: result.meetingTab,
        },
      };
    }),
  );

  server.get(
    `${PATH}/booking/suggestions`,
    apiRoute(deps, async (req, viewer) => {
      const { roundId, email } = parseInput(skemaPath, req.params, 'path');
      const ssoToken = bearer(req);
      const calendar = deps.calendar;
      const suggestions = await suggestTalkTimes(
        services,
        (query) => {
          if (!calendar || !ssoToken) throw new GraphCalendarError(NO_GRAPH);
          return readFreeBusy(calendar, ssoToken, query);
        },
        viewer,
        { roundId, employeeEmail: email },
      );
      return { body: suggestions };
    }),
  );

  server.get(`${PATH}/booking.ics`, async (req: Request, res: Response) => {
    try {
      const viewer = await deps.authenticate(req);
      const { roundId, email } = parseInput(skemaPath, req.params, 'path');
      const query = parseInput(icsQuery, req.query as unknown, 'query');
      const ics = await talkIcsFile(services, viewer, { roundId, employeeEmail: email }, query);
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'attachment; filename="mus-samtale.ics"',
        'cache-control': 'no-store',
      });
      res.end(ics);
    } catch (error) {
      sendApiError(res, error, deps.log);
    }
  });
}
