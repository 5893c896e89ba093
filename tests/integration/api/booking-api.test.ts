import assert from 'node:assert/strict';
import type { SkemaView } from '../../../bot/skema/skema-view.js';
import { createBotFramework } from '../../../bot/teams/bot-framework.js';
import { FakeBotConnector } from '../../helpers/fake-bot-connector/index.js';
import {
  fakeOboExchange,
  FAKE_GRAPH_TOKEN,
  startFakeGraph,
  type FakeGraph,
} from '../../helpers/fake-graph.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import { ORG, PEOPLE, skemaPath, startApiTestApp, type ApiTestApp } from './api-test-app.js';

/*
 * Booking the talk over HTTP, as the tab does it: Azurite storage, SSO tokens, a fake Graph for the
 * on-behalf-of exchange and the calendar, and the fake Bot Connector for the employee's chat.
 */

interface BookingBody {
  skema: SkemaView;
  event: { id: string; joinUrl?: string };
  employeeTold: boolean;
  meetingTab: string;
  error?: { code: string; message: { da: string; en: string } };
}

const { employee: EMPLOYEE, leader: LEADER, otherLeader: OTHER_LEADER } = PEOPLE;
const CHAT = 'a:1-personal-pernille';
/** The MUS app in the tenant's app catalog: its catalog id and its manifest id. */
const MUS_IN_CATALOG = { id: 'catalog-mus', externalId: 'a1b2c3d4-0000-4000-8000-00000000mus1' };

/** Unfolds an iCalendar text into its logical lines. */
function icsLines(text: string): string[] {
  return text.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
}

describe('booking the talk', () => {
  let app: ApiTestApp;
  let graph: FakeGraph;
  let connector: FakeBotConnector;
  let round = 0;
  let roundId: string;
  const path = (rest: string): string => skemaPath(roundId, EMPLOYEE, rest);
  const inDays = (days: number): string =>
    new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const etagOf = async (): Promise<string> =>
    (await app.repositories.skemas.get(ORG, roundId, EMPLOYEE))!.etag;

  before(async () => {
    graph = await startFakeGraph({ users: () => [], teamsApps: [MUS_IN_CATALOG] });
    connector = await FakeBotConnector.start();
    const bot = createBotFramework(undefined, { log: memoryLogger().log, requestTimeoutMs: 2000 });
    app = await startApiTestApp({
      // Booking refuses times in the past: the app runs on the real clock here.
      now: () => new Date(),
      calendar: {
        exchange: fakeOboExchange(graph.baseUrl),
        baseUrl: graph.baseUrl,
        meetingTab: {
          manifestId: MUS_IN_CATALOG.externalId,
          publicUrl: 'https://mus.vandvaerk.example',
        },
      },
      bot,
    });
    await app.repositories.conversations.put({
      orgId: ORG,
      personEmail: EMPLOYEE,
      key: 'personal:29:pernille',
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: CHAT, conversationType: 'personal', tenantId: ORG },
        user: { id: '29:pernille' },
        bot: { id: '28:bot' },
      },
      updatedAt: new Date().toISOString(),
    });
  });
  after(async () => {
    await app.close();
    await graph.close();
    await connector.close();
  });
  beforeEach(async () => {
    round += 1;
    roundId = `book-${round}`;
    await app.createRoundWithSkema(roundId);
    graph.refuseConsent(false);
    graph.refuseScopes([]);
    graph.events.length = 0;
    graph.chatApps.length = 0;
    graph.chatTabs.length = 0;
    connector.reset();
  });

  it('the leader books a Teams meeting with the employee invited, the time is stored and the employee told in chat', async () => {
    const startsAt = inDays(7);
    const res = await app.call<BookingBody>('POST', path('/booking'), {
      as: LEADER,
      body: { startsAt, etag: await etagOf() },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.skema.talkAt, new Date(startsAt).toISOString());
    assert.equal(res.body.employeeTold, true);
    assert.ok(res.body.event.joinUrl?.startsWith('https://teams.microsoft.com/'));

    const [event] = graph.events;
    assert.equal(event?.isOnlineMeeting, true);
    assert.equal(event?.onlineMeetingProvider, 'teamsForBusiness');
    assert.deepEqual(
      (event?.attendees as { emailAddress: { address: string } }[]).map(
        (a) => a.emailAddress.address,
      ),
      [EMPLOYEE],
    );
    const start = event?.start as { dateTime: string; timeZone: string };
    const end = event?.end as { dateTime: string; timeZone: string };
    assert.equal(start.timeZone, 'UTC');
    assert.equal(
      new Date(`${end.dateTime}Z`).getTime() - new Date(`${start.dateTime}Z`).getTime(),
      45 * 60_000,
      'the talk lasts 45 minutes unless said otherwise',
    );
    const create = graph.requests.find((r) => r.url === '/v1.0/me/events');
    assert.equal(
      create?.authorization,
      `Bearer ${FAKE_GRAPH_TOKEN}`,
      'Graph is called with the OBO token',
    );
    const exchange = graph.requests.find((r) => r.url.endsWith('/oauth2/v2.0/token'));
    const form = new URLSearchParams(exchange?.body);
    assert.equal(form.get('requested_token_use'), 'on_behalf_of');
    assert.match(form.get('scope') ?? '', /Calendars\.ReadWrite/);

    const stored = await app.repositories.skemas.get(ORG, roundId, EMPLOYEE);
    assert.equal(stored?.value.talkAt, new Date(startsAt).toISOString());
    const [message] = connector.sentTo(CHAT);
    assert.match(String(message?.activity.text), /har booket jeres MUS-samtale/);
    assert.match(String(message?.activity.text), /has booked your MUS talk/);
  });

  it('the booked meeting gets the MUS app and a tab opening this skema in its chat', async () => {
    const res = await app.call<BookingBody>('POST', path('/booking'), {
      as: LEADER,
      body: { startsAt: inDays(4), etag: await etagOf() },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.meetingTab, 'added');
    const chatId = `19:meeting_${res.body.event.id}@thread.v2`;
    const bind = `${graph.baseUrl}/v1.0/appCatalogs/teamsApps/${MUS_IN_CATALOG.id}`;
    assert.deepEqual(graph.chatApps, [{ chatId, body: { 'teamsApp@odata.bind': bind } }]);
    const [tab] = graph.chatTabs;
    assert.equal(tab?.chatId, chatId);
    assert.equal(tab?.body['teamsApp@odata.bind'], bind);
    const skemaHash = `#/skema/${encodeURIComponent(roundId)}/${encodeURIComponent(EMPLOYEE)}`;
    assert.deepEqual(tab?.body.configuration, {
      entityId: `skema:${roundId}:${EMPLOYEE}`,
      contentUrl: `https://mus.vandvaerk.example/tab/index.html${skemaHash}`,
      websiteUrl: `https://mus.vandvaerk.example/tab/index.html${skemaHash}`,
    });
  });

  it('without consent for the meeting tab the talk is still booked, and the answer says the tab must be added by hand', async () => {
    graph.refuseScopes(['https://graph.microsoft.com/TeamsTab.Create']);
    const startsAt = inDays(6);
    const res = await app.call<BookingBody>('POST', path('/booking'), {
      as: LEADER,
      body: { startsAt, etag: await etagOf() },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.meetingTab, 'consent_required');
    assert.equal(graph.events.length, 1);
    assert.deepEqual(graph.chatTabs, []);
    assert.equal(res.body.skema.talkAt, new Date(startsAt).toISOString());
  });

  it('without admin consent the leader is told what to grant, in Danish and English, and nothing is stored or sent', async () => {
    graph.refuseConsent(true);
    const res = await app.call<BookingBody>('POST', path('/booking'), {
      as: LEADER,
      body: { startsAt: inDays(3), etag: await etagOf() },
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.error?.code, 'graph_consent_required');
    assert.match(
      res.body.error?.message.da ?? '',
      /Calendars\.ReadWrite og OnlineMeetings\.ReadWrite/,
    );
    assert.match(res.body.error?.message.en ?? '', /admin consent/);
    assert.equal(graph.events.length, 0);
    assert.equal(
      (await app.repositories.skemas.get(ORG, roundId, EMPLOYEE))?.value.talkAt,
      undefined,
    );
    assert.deepEqual(connector.sentTo(CHAT), []);
  });

  it('only the employee’s own leader may book; another leader and the employee get 403', async () => {
    for (const as of [OTHER_LEADER, EMPLOYEE]) {
      const res = await app.call<BookingBody>('POST', path('/booking'), {
        as,
        body: { startsAt: inDays(2), etag: await etagOf() },
      });
      assert.equal(res.status, 403, as);
    }
    assert.equal(graph.events.length, 0);
  });

  it('a time in the past or a bad duration is refused with a reason in both languages', async () => {
    const etag = await etagOf();
    const past = await app.call<BookingBody>('POST', path('/booking'), {
      as: LEADER,
      body: { startsAt: inDays(-1), etag },
    });
    assert.equal(past.status, 400);
    assert.match(JSON.stringify(past.body), /fremtiden/);
    assert.match(JSON.stringify(past.body), /future/);
    const long = await app.call<BookingBody>('POST', path('/booking'), {
      as: LEADER,
      body: { startsAt: inDays(1), minutes: 600, etag },
    });
    assert.equal(long.status, 400);
    assert.equal(graph.events.length, 0);
  });

  it('a stale ETag gets 412 and books nothing in Outlook', async () => {
    const etag = await etagOf();
    const notes = await app.call('PUT', path('/talk-notes'), {
      as: LEADER,
      body: { talkAt: inDays(9), etag },
    });
    assert.equal(notes.status, 200);
    const res = await app.call<BookingBody>('POST', path('/booking'), {
      as: LEADER,
      body: { startsAt: inDays(2), etag },
    });
    assert.equal(res.status, 412);
    assert.equal(graph.events.length, 0);
  });

  it('a note saved in another window while Outlook makes the event keeps both the note and the booked time', async () => {
    const startsAt = inDays(5);
    graph.whileCreatingNextEvent(async () => {
      const saved = await app.call('PUT', path('/talk-notes'), {
        as: LEADER,
        body: { talkNotes: { kerneopgaven: 'Skrevet i det andet vindue.' }, etag: await etagOf() },
      });
      assert.equal(saved.status, 200);
    });
    const res = await app.call<BookingBody>('POST', path('/booking'), {
      as: LEADER,
      body: { startsAt, etag: await etagOf() },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(graph.events.length, 1, 'one event, not a second one on a retry');
    const stored = await app.repositories.skemas.get(ORG, roundId, EMPLOYEE);
    assert.equal(stored?.value.talkAt, new Date(startsAt).toISOString());
    assert.equal(stored?.value.talkNotes.kerneopgaven, 'Skrevet i det andet vindue.');
    assert.equal(res.body.skema.etag, stored?.etag, 'the tab gets the version it can save over');
  });

  it('the .ics download is a valid calendar file with the talk in UTC, organizer and attendee', async () => {
    const startsAt = '2099-05-04T08:30:00Z';
    const res = await fetch(
      `${app.url}${path('/booking.ics')}?startsAt=${encodeURIComponent(startsAt)}`,
      { headers: { authorization: `Bearer ${await app.tokenFor(LEADER)}` } },
    );
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
    const text = await res.text();
    assert.ok(text.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
    for (const raw of text.split('\r\n')) {
      assert.ok(Buffer.byteLength(raw) <= 75, `folded at 75 octets: ${raw}`);
    }
    const lines = icsLines(text);
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.ok(lines.includes('DTSTART:20990504T083000Z'));
    assert.ok(lines.includes('DTEND:20990504T091500Z'));
    assert.ok(lines.some((l) => l.startsWith('SUMMARY:MUS-samtale')));
    assert.ok(lines.some((l) => l.startsWith('DESCRIPTION:') && l.includes('MUS')));
    assert.ok(lines.some((l) => l.startsWith('ORGANIZER;') && l.endsWith(`mailto:${LEADER}`)));
    assert.ok(lines.some((l) => l.startsWith('ATTENDEE;') && l.endsWith(`mailto:${EMPLOYEE}`)));
    assert.equal(lines.at(-1), 'END:VCALENDAR');
    assert.equal(
      (await app.repositories.skemas.get(ORG, roundId, EMPLOYEE))?.value.talkAt,
      undefined,
    );
  });

  it('the .ics is only for the leader; the employee gets 403', async () => {
    const res = await fetch(`${app.url}${path('/booking.ics')}?startsAt=2099-05-04T08:30:00Z`, {
      headers: { authorization: `Bearer ${await app.tokenFor(EMPLOYEE)}` },
    });
    assert.equal(res.status, 403);
  });
});

describe('suggested times for the talk', () => {
  // The app's clock: Monday 2 March 2026, 10:00 in Copenhagen (api-test-app's NOW).
  let app: ApiTestApp;
  let graph: FakeGraph;
  const path = (rest: string): string => skemaPath('suggest', EMPLOYEE, rest);

  before(async () => {
    graph = await startFakeGraph({ users: () => [] });
    app = await startApiTestApp({
      calendar: { exchange: fakeOboExchange(graph.baseUrl), baseUrl: graph.baseUrl },
    });
    await app.createRoundWithSkema('suggest');
  });
  after(async () => {
    await app.close();
    await graph.close();
  });

  it('offers the first time of each working day when both are free, and says the employee’s calendar was read', async () => {
    // The leader is busy the rest of Monday; the employee on Tuesday morning until 12:00.
    graph.setBusy(LEADER, [
      { start: new Date('2026-03-02T10:00:00Z'), end: new Date('2026-03-02T15:00:00Z') },
    ]);
    graph.setBusy(EMPLOYEE, [
      { start: new Date('2026-03-03T07:00:00Z'), end: new Date('2026-03-03T11:00:00Z') },
    ]);
    const res = await app.call<{
      startsAt: string[];
      minutes: number;
      employeeCalendarKnown: boolean;
    }>('GET', path('/booking/suggestions'), { as: LEADER });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, {
      startsAt: [
        '2026-03-03T11:00:00.000Z',
        '2026-03-04T07:00:00.000Z',
        '2026-03-05T07:00:00.000Z',
        '2026-03-06T07:00:00.000Z',
        '2026-03-09T07:00:00.000Z',
      ],
      minutes: 45,
      employeeCalendarKnown: true,
    });
    const asked = graph.requests.find((r) => r.url === '/v1.0/me/calendar/getSchedule');
    assert.deepEqual((JSON.parse(asked?.body ?? '{}') as { schedules: string[] }).schedules, [
      LEADER,
      EMPLOYEE,
    ]);
  });

  it('when Graph cannot read the employee’s calendar, the times suit the leader and the answer says so', async () => {
    graph.hideCalendar(EMPLOYEE);
    try {
      const res = await app.call<{ startsAt: string[]; employeeCalendarKnown: boolean }>(
        'GET',
        path('/booking/suggestions'),
        { as: LEADER },
      );
      assert.equal(res.status, 200);
      assert.equal(res.body.employeeCalendarKnown, false);
      assert.equal(res.body.startsAt[0], '2026-03-03T07:00:00.000Z');
    } finally {
      graph.hideCalendar(EMPLOYEE, false);
    }
  });

  it('without consent the leader is told what to grant; another leader may not ask', async () => {
    graph.refuseConsent(true);
    try {
      const refused = await app.call<BookingBody>('GET', path('/booking/suggestions'), {
        as: LEADER,
      });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error?.code, 'graph_consent_required');
    } finally {
      graph.refuseConsent(false);
    }
    const other = await app.call('GET', path('/booking/suggestions'), { as: OTHER_LEADER });
    assert.equal(other.status, 403);
  });
});
