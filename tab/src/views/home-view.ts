import type { RoundSummary, TeamMember, TeamOverview, UnitEvaluation } from '../api-types.js';
import type { AppEnv } from '../app-env.js';
import { userMessage } from '../api-client.js';
import { button, h, replace, uid } from '../dom.js';
import { sentSkemaLabel } from '../../../bot/cards/skema-status-labels.js';
import { formatDateTime, t, tr } from '../i18n.js';
import { meetingEmployee, rememberedMeetingEmployee } from '../meeting-target.js';
import { saveFile } from '../save-file.js';
import { evaluationBlock, hrOverviewSection } from './hr-overview-view.js';
import { statusLabel, statusPill } from './skema-parts.js';

/*
 * The overview of a round: the user's own MUS (employee), their employees with status and talk date
 * (leader), and for HR the overview of the whole round (hr-overview-view.ts). In a meeting, a leader
 * is taken straight to the employee the meeting is about when that can be told (meeting-target.ts).
 */

/**
 * The round to show: the one asked for, else the newest open one with something for this person to
 * do, else the newest open one, else the newest (rounds come newest first).
 */
export function pickRound(rounds: RoundSummary[], wanted?: string): RoundSummary | undefined {
  return (
    rounds.find((r) => r.id === wanted) ??
    rounds.find((r) => !r.closedAt && hasWorkFor(r)) ??
    rounds.find((r) => !r.closedAt) ??
    rounds[0]
  );
}

/** A skema to prepare or a summary to acknowledge; for a leader, talks not yet finalised. */
export function hasWorkFor(round: RoundSummary): boolean {
  const mine = round.mySkema?.status;
  if (mine === 'sent' || mine === 'finalised') return true;
  const team = round.team?.byStatus;
  return !!team && team.sent + team.prepared + team.held > 0;
}

export async function renderHome(
  root: HTMLElement,
  env: AppEnv,
  options: { roundId?: string; autoOpenMeeting: boolean },
): Promise<void> {
  const rounds = await env.api.rounds();
  const round = pickRound(rounds, options.roundId);
  const title = h('h1', {}, `${t('appTitle')} — ${env.me.name}`);
  const setup = env.me.roles.includes('hr') && setupCard(env, round?.id);
  if (!round) {
    replace(
      root,
      h('header', { className: 'page-header' }, title),
      h('p', { className: 'card' }, env.me.roles.includes('hr') ? t('noRoundsHr') : t('noRounds')),
      setup,
    );
    return;
  }

  // HR's overview is asked for at once, alongside the team; only HR gets it (the server checks too).
  const overview = round.roles.includes('hr') ? env.api.overview(round.id) : undefined;
  // Its failure is shown in the overview's own section; until then it must not count as unhandled.
  overview?.catch(() => undefined);
  const leads = round.roles.includes('leader') || env.me.roles.includes('leader');
  // A leader sees their unit's evaluation once step 5 is launched; a refusal just leaves it out.
  const evaluated = round.steps.some((s) => s.step === 5 && s.launchedAt);
  const unitEvaluation =
    leads && evaluated ? env.api.unitEvaluation(round.id).catch(() => undefined) : undefined;
  const team: TeamOverview | undefined = leads ? await env.api.team(round.id) : undefined;
  const evaluation = await unitEvaluation;
  const members = team?.members ?? [];
  const meetingId = env.session?.meetingId;

  if (options.autoOpenMeeting && meetingId) {
    const target = members.length
      ? meetingEmployee(members, rememberedMeetingEmployee(meetingId), new Date())
      : round.mySkema
        ? env.me.email
        : undefined;
    if (target) {
      env.navigate({ name: 'skema', roundId: round.id, email: target }, { replace: true });
      return;
    }
  }

  replace(
    root,
    h(
      'header',
      { className: 'page-header' },
      title,
      rounds.length > 1 && roundPicker(env, rounds, round),
    ),
    round.mySkema && mySkemaCard(env, round),
    round.kind === 'GRUS' && members.length > 0 && groupTalkCard(env, round, env.me.email, true),
    round.kind === 'GRUS' &&
      round.mySkema &&
      env.me.leaderEmail &&
      groupTalkCard(env, round, env.me.leaderEmail, false),
    members.length > 0 && teamCard(env, round, members, !!meetingId),
    myAgreementsCard(env),
    evaluation && unitEvaluationCard(evaluation),
    setup,
    overview && hrOverviewSection(env, round.id, overview),
    myDataCard(env),
  );
}

/** The leader's unit in the evaluation, the groups HR's overview shows for it, without comments. */
function unitEvaluationCard(evaluation: UnitEvaluation): HTMLElement {
  const headingId = uid('unit-eval');
  return h(
    'section',
    {
      className: 'card unit-evaluation',
      'data-view': 'unit-evaluation',
      'aria-labelledby': headingId,
    },
    h('h2', { id: headingId }, t('unitEvalHeading')),
    h('p', {}, t('unitEvalIntro', { min: String(evaluation.minGroupSize) })),
    evaluationBlock(evaluation, { withComments: false }),
  );
}

/** HR's way into the setup screen: core task, contact, the round's form, deadlines, step-2 text. */
function setupCard(env: AppEnv, roundId: string | undefined): HTMLElement {
  const headingId = uid('setup-link');
  return h(
    'section',
    { className: 'card', 'aria-labelledby': headingId, 'data-view': 'setup-link' },
    h('h2', { id: headingId }, t('openSetup')),
    h('p', { className: 'muted' }, t('openSetupHint')),
    button(t('openSetup'), () => env.navigate({ name: 'setup', ...(roundId ? { roundId } : {}) }), {
      className: 'secondary',
      'data-action': 'open-setup',
    }),
  );
}

/** The way to "Mine aftaler", the follow-up across rounds. */
function myAgreementsCard(env: AppEnv): HTMLElement {
  const headingId = uid('agreements-link');
  return h(
    'section',
    { className: 'card', 'aria-labelledby': headingId, 'data-view': 'agreements-link' },
    h('h2', { id: headingId }, t('myAgreements')),
    h('p', { className: 'muted' }, t('myAgreementsHint')),
    button(t('myAgreementsOpen'), () => env.navigate({ name: 'agreements' }), {
      className: 'secondary',
    }),
  );
}

/** "Mine data": everyone downloads what the app holds about them, without asking HR. */
function myDataCard(env: AppEnv): HTMLElement {
  const headingId = uid('mydata');
  const status = h('span', { className: 'muted', role: 'status' });
  const download = button(
    t('myDataDownload'),
    async () => {
      download.disabled = true;
      try {
        saveFile(await env.api.myData(), 'mine-mus-data.json');
        status.textContent = t('myDataDone');
      } catch (error) {
        env.showError(error);
      } finally {
        download.disabled = false;
      }
    },
    { className: 'secondary' },
  );
  return h(
    'section',
    { className: 'card', 'aria-labelledby': headingId, 'data-view': 'my-data' },
    h('h2', { id: headingId }, t('myDataHeading')),
    h('p', { className: 'muted' }, t('myDataHelp')),
    h('div', { className: 'actions' }, download, status),
  );
}

function roundPicker(env: AppEnv, rounds: RoundSummary[], current: RoundSummary): HTMLElement {
  const id = uid('round');
  const select = h(
    'select',
    { id },
    ...rounds.map((r) =>
      h(
        'option',
        { value: r.id, selected: r.id === current.id },
        r.closedAt ? `${r.name} ${t('roundClosed')}` : r.name,
      ),
    ),
  );
  select.addEventListener('change', () => env.navigate({ name: 'home', roundId: select.value }));
  return h('div', { className: 'field inline' }, h('label', { for: id }, t('chooseRound')), select);
}

/** In a GRUS round: the team's one group talk, for its leader or for a member. */
function groupTalkCard(
  env: AppEnv,
  round: RoundSummary,
  leaderEmail: string,
  asLeader: boolean,
): HTMLElement {
  const headingId = uid('group');
  return h(
    'section',
    { className: 'card group-talk-link', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, asLeader ? t('groupCardHeading') : t('groupCardHeadingMember')),
    h('p', { className: 'muted' }, asLeader ? t('groupLeaderIntro') : t('groupMemberHomeIntro')),
    button(
      asLeader ? t('openGroupTalk') : t('openGroupTalkMember'),
      () => env.navigate({ name: 'group', roundId: round.id, leaderEmail }),
      { className: asLeader ? 'primary' : 'secondary' },
    ),
  );
}

function mySkemaCard(env: AppEnv, round: RoundSummary): HTMLElement {
  const mine = round.mySkema;
  const headingId = uid('mine');
  const toAcknowledge = mine?.status === 'finalised';
  return h(
    'section',
    { className: 'card', 'aria-labelledby': headingId, 'data-view': 'my-skema' },
    h('h2', { id: headingId }, toAcknowledge ? t('acknowledgeHeading') : t('mySkemaHeading')),
    toAcknowledge && h('p', { className: 'notice' }, t('homeAcknowledgePrompt')),
    mine?.status === 'sent' && h('p', {}, t('homePreparePrompt')),
    h(
      'dl',
      { className: 'facts' },
      h('dt', {}, t('round')),
      h('dd', {}, round.name),
      h('dt', {}, t('mySkemaStatus')),
      h('dd', {}, mine ? statusPill(mine.status, true) : ''),
      h('dt', {}, t('talkAt')),
      h('dd', {}, mine?.talkAt ? formatDateTime(mine.talkAt) : t('notPlanned')),
    ),
    button(
      toAcknowledge ? t('acknowledgeHeading') : t('openMySkema'),
      () => env.navigate({ name: 'skema', roundId: round.id, email: env.me.email }),
      {
        className: 'primary',
      },
    ),
  );
}

function teamCard(
  env: AppEnv,
  round: RoundSummary,
  members: TeamMember[],
  inMeeting: boolean,
): HTMLElement {
  const headingId = uid('team');
  // A list, not a table: each person fits the meeting side panel's 320 px without scrolling sideways.
  const items = members.map((m) => {
    const facts = (talkAt: string | null | undefined): string =>
      [m.department, talkAt ? formatDateTime(talkAt) : t('notPlanned')].filter(Boolean).join(' · ');
    const factsLine = h('span', { className: 'muted team-member-facts' }, facts(m.talkAt));
    const bookingSlot = h('div', { className: 'booking-slot' });
    return h(
      'li',
      { className: 'team-member', 'data-email': m.email },
      h(
        'div',
        { className: 'team-member-text' },
        h('span', { className: 'team-member-name' }, m.name),
        m.status === 'sent' && m.delivery
          ? h(
              'span',
              { className: `status-pill status-sent delivery-${m.delivery}` },
              tr(sentSkemaLabel(m.delivery)),
            )
          : statusPill(m.status),
        factsLine,
      ),
      m.status === 'not-sent'
        ? h('span', { className: 'muted' }, statusLabel('not-sent'))
        : h(
            'div',
            { className: 'team-member-actions' },
            button(
              t('open'),
              () => env.navigate({ name: 'skema', roundId: round.id, email: m.email }),
              {
                className: 'secondary small',
                'aria-label': t('openSkemaOf', { name: m.name }),
              },
            ),
            bookable(m.status) &&
              bookButton(
                env,
                bookingSlot,
                { roundId: round.id, email: m.email, name: m.name },
                (talkAt) => {
                  factsLine.textContent = facts(talkAt);
                },
              ),
          ),
      bookingSlot,
    );
  });
  return h(
    'section',
    { className: 'card', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('teamHeading')),
    inMeeting
      ? h('p', { className: 'notice' }, t('meetingPick'))
      : h('p', { className: 'muted' }, t('teamIntro')),
    h('ul', { className: 'team', 'aria-labelledby': headingId }, ...items),
  );
}

/** A talk can be booked once the skema has gone out and until the leader has finalised it. */
function bookable(status: TeamMember['status']): boolean {
  return status === 'sent' || status === 'prepared' || status === 'held';
}

/**
 * "Book" on a person's line: the booking panel (views/booking-panel.ts, fetched on first use) unfolds
 * under the line with the skema as it is now; a second press folds it away. After booking, the line
 * shows the planned time and the panel's place says what happened.
 */
function bookButton(
  env: AppEnv,
  slot: HTMLElement,
  target: { roundId: string; email: string; name: string },
  planned: (talkAt: string | undefined) => void,
): HTMLButtonElement {
  const key = { roundId: target.roundId, email: target.email };
  const fold = (): void => {
    slot.replaceChildren();
    opener.setAttribute('aria-expanded', 'false');
    opener.focus();
  };
  const unfold = async (): Promise<void> => {
    replace(slot, h('p', { className: 'muted', role: 'status' }, t('loading')));
    try {
      const [{ bookingPanel, bookingOutcome }, fetched] = await Promise.all([
        import('./booking-panel.js'),
        env.api.skema(key.roundId, key.email),
      ]);
      let view = fetched;
      const panel = bookingPanel(env, key, view, {
        etag: () => view.etag,
        booked: (result) => {
          planned(result.skema.talkAt ?? undefined);
          const done = h(
            'div',
            { className: 'notice success', role: 'status', tabindex: '-1', 'data-view': 'booked' },
            ...bookingOutcome(result).map((line) => h('p', {}, line)),
          );
          replace(slot, done);
          done.focus();
        },
        // Someone changed the skema meanwhile: the panel opens again on the new version.
        stale: () => void unfold(),
        plannedByFile: async (startsAt) => {
          const saved = await env.api.autosaveTalkNotes(key, { talkAt: startsAt, etag: view.etag });
          view = { ...view, etag: saved.etag, talkAt: startsAt };
          planned(startsAt);
        },
        close: fold,
      });
      replace(slot, panel);
      panel.focus();
    } catch (error) {
      replace(slot, h('p', { className: 'notice error', role: 'alert' }, userMessage(error)));
    }
  };
  const opener = button(
    t('bookShort'),
    async () => {
      if (slot.hasChildNodes()) return fold();
      opener.setAttribute('aria-expanded', 'true');
      await unfold();
    },
    {
      className: 'secondary small',
      'aria-label': t('bookTalkWith', { name: target.name }),
      'aria-expanded': 'false',
      'data-action': 'team-book',
    },
  );
  return opener;
}
