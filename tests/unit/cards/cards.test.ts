import assert from 'node:assert/strict';
import { leaderBriefingCard } from '../../../bot/cards/step-1-leader-briefing-card.js';
import { employeeInvitationCard } from '../../../bot/cards/step-2-employee-invitation-card.js';
import {
  skemaCard,
  SKEMA_VERBS,
  answersFromCardData,
} from '../../../bot/cards/step-3-skema-card.js';
import { leaderTeamCard } from '../../../bot/cards/step-4-leader-team-card.js';
import { employeeReminderCard } from '../../../bot/cards/step-4-employee-reminder-card.js';
import { evaluationCard } from '../../../bot/cards/step-5-evaluation-card.js';
import { roundCard } from '../../../bot/cards/round-card.js';
import { talksNotHeldCard } from '../../../bot/cards/follow-through-cards.js';
import { plain } from '../../../bot/cards/elements.js';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import { launchStep, newRound, preparationDone, withPreparation } from '../../../bot/mus/round.js';
import { newSkema, saveAnswers } from '../../../bot/mus/skema.js';
import type { Locale } from '../../../bot/mus/bilingual.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';

const now = new Date('2027-01-10T09:00:00Z');
const round = newRound({
  orgId: 'org',
  id: 'r2027',
  name: 'MUS 2027',
  createdBy: 'hr@x.example',
  now,
  template: defaultMusTemplate(),
});
const skema = newSkema({
  orgId: 'org',
  roundId: round.id,
  employeeEmail: 'e@x.example',
  leaderEmail: 'l@x.example',
  template: round.template,
  now,
  by: 'l@x.example',
});
const coreTask = 'Vi leverer rent vand til borgerne — hver dag.';

describe('Adaptive Cards', () => {
  for (const locale of ['da', 'en'] as Locale[]) {
    describe(`in ${locale === 'da' ? 'Danish' : 'English'}`, () => {
      it('the step 1 leader briefing parses at schema 1.5 and names the four understandings', () => {
        const card = leaderBriefingCard({ locale, leaderName: 'Mette', coreTask, round });
        assertValidCard(card);
        const txt = cardText(card);
        assert.match(txt, locale === 'da' ? /kerneopgave/ : /core task/);
        assert.match(txt, locale === 'da' ? /ledelsesteamet/ : /leadership team/);
        assert.ok(txt.includes(plain(coreTask)));
      });

      it("the step 1 leader briefing names HR's contact person when HR has named one", () => {
        const hrContact = { name: 'Lone Hvid', email: 'lone@x.example', phone: '12 34 56 78' };
        const card = leaderBriefingCard({
          locale,
          leaderName: 'Mette',
          coreTask,
          round,
          hrContact,
        });
        assertValidCard(card);
        const txt = cardText(card);
        assert.ok(txt.includes(locale === 'da' ? 'Din kontakt i HR' : 'Your HR contact'));
        for (const part of ['Lone Hvid', 'lone@x.example', '12 34 56 78'])
          assert.ok(txt.includes(part));
        const without = cardText(
          leaderBriefingCard({ locale, leaderName: 'Mette', coreTask, round }),
        );
        assert.ok(!without.includes(locale === 'da' ? 'Din kontakt i HR' : 'Your HR contact'));
      });

      it("the step 4 leader card names HR's contact person, also in a group talk", () => {
        const hrContact = { name: 'Lone Hvid', email: 'lone@x.example' };
        for (const group of [undefined, { tabUrl: 'https://example.test/g' }]) {
          const card = leaderTeamCard({
            locale,
            leaderName: 'Mette',
            round,
            team: [],
            hrContact,
            ...(group ? { group } : {}),
          });
          assertValidCard(card);
          assert.ok(cardText(card).includes('lone@x.example'));
        }
      });

      it("the card about talks still to hold names HR's contact person to talk to", () => {
        const card = talksNotHeldCard({
          locale,
          leaderName: 'Mette',
          roundName: 'MUS 2027',
          deadline: '2027-04-20',
          employeeNames: ['Ole'],
          tabUrl: 'https://example.test/tab',
          hrContact: { name: 'Lone Hvid', phone: '12 34 56 78' },
        });
        assertValidCard(card);
        assert.ok(cardText(card).includes('12 34 56 78'));
      });

      it("the step 2 invitation carries HR's own words and questions in the reader's language", () => {
        const card = employeeInvitationCard({
          locale,
          employeeName: 'Ole',
          leaderName: 'Mette',
          coreTask,
          round: {
            ...round,
            invitation: {
              text: {
                da: 'I år taler vi om *samarbejdet*.',
                en: 'This year we talk about cooperation.',
              },
              questions: [{ da: 'Hvad lykkedes i år?', en: 'What went well this year?' }],
            },
          },
        });
        assertValidCard(card);
        const txt = cardText(card);
        if (locale === 'da') {
          assert.ok(txt.includes('I år taler vi om \\*samarbejdet\\*.'), 'HR text is escaped');
          assert.ok(txt.includes('Hvad lykkedes i år?'));
        } else {
          assert.ok(txt.includes('This year we talk about cooperation.'));
          assert.ok(txt.includes('What went well this year?'));
        }
      });

      it("a GRUS round's skema card calls itself the GRUS form, never MUS", () => {
        const card = skemaCard({
          locale,
          coreTask,
          roundName: 'Forår 2027',
          roundKind: 'GRUS',
          leaderName: 'Mette',
          skema,
          etag: 'e1',
        });
        assertValidCard(card);
        const txt = cardText(card);
        assert.ok(txt.includes(locale === 'da' ? 'GRUS-skema' : 'GRUS form'));
        assert.ok(!/MUS-skema|MUS form/.test(txt.replace(/GRUS/g, '')));
      });

      it('the step 2 employee invitation parses and states the purpose', () => {
        const card = employeeInvitationCard({
          locale,
          employeeName: 'Ole',
          leaderName: 'Mette',
          coreTask,
          round,
        });
        assertValidCard(card);
        assert.match(
          cardText(card),
          locale === 'da' ? /MUS er en samtale/ : /MUS is a conversation/,
        );
      });

      it('the step 3 skema card offers save and submit while the employee may edit', () => {
        const card = skemaCard({
          locale,
          coreTask,
          roundName: round.name,
          roundKind: round.kind,
          leaderName: 'Mette',
          skema,
          etag: 'e1',
          employeeUserId: '29:abc',
          tabUrl: 'https://example.test/tab',
        });
        assertValidCard(card);
        const verbs = (card.actions ?? []).map((a) => a.verb).filter(Boolean);
        assert.deepEqual(verbs, [SKEMA_VERBS.save, SKEMA_VERBS.submit]);
        assert.equal(card.refresh?.userIds?.[0], '29:abc');
      });

      it('the step 3 skema card shows a read-only summary with an edit button after submitting', () => {
        const prepared = saveAnswers(
          skema,
          { kerneopgaven: 'Rent *vand*' },
          { submit: true, by: 'e', now },
        );
        const card = skemaCard({
          locale,
          coreTask,
          roundName: round.name,
          roundKind: round.kind,
          leaderName: 'Mette',
          skema: prepared,
          etag: 'e2',
        });
        assertValidCard(card);
        assert.deepEqual(
          (card.actions ?? []).map((a) => a.verb),
          [SKEMA_VERBS.edit],
        );
        assert.ok(cardText(card).includes('Rent \\*vand\\*'), 'user text is escaped, not rendered');
      });

      it('the step 3 skema card keeps the text of a refused stale save so it can be copied', () => {
        const card = skemaCard({
          locale,
          coreTask,
          roundName: round.name,
          roundKind: round.kind,
          leaderName: 'Mette',
          skema,
          etag: 'e3',
          notice: { kind: 'conflict', keptAnswers: { handlinger: 'Min tekst' } },
        });
        assertValidCard(card);
        assert.ok(cardText(card).includes('Min tekst'));
      });

      it('answers are read back from the card payload by question id', () => {
        assert.deepEqual(
          answersFromCardData(
            { answer_handlinger: 'x', answer_nope: 'y', verb: 'skema.save' },
            skema,
          ),
          { handlinger: 'x' },
        );
      });

      it('the step 4 leader card tells a skema not delivered yet from one waiting for the app', () => {
        const member = (name: string, delivery?: 'pending' | 'failed' | 'waiting' | 'sent') => ({
          name,
          email: `${name}@x`,
          status: 'sent' as const,
          tabUrl: `https://example.test/${name}`,
          ...(delivery ? { delivery } : {}),
        });
        const card = leaderTeamCard({
          locale,
          leaderName: 'Mette',
          round,
          team: [member('Ida', 'pending'), member('Bo', 'failed'), member('Kim', 'waiting')].concat(
            [member('Ole', 'sent'), member('Lis')],
          ),
        });
        assertValidCard(card);
        const words =
          locale === 'da'
            ? ['Ikke leveret endnu', 'Ikke leveret endnu', 'Venter på appen', 'Sendt']
            : ['Not delivered yet', 'Not delivered yet', 'Waiting for the app', 'Sent'];
        const text = cardText(card);
        ['Ida', 'Bo', 'Kim', 'Ole'].forEach((name, i) =>
          assert.ok(text.includes(`${name}\n${words[i]}`), `${name}: ${text}`),
        );
        // Unknown (e.g. a step 3 launched before this was recorded) is not claimed as delivered.
        assert.ok(text.includes(`Lis\n${words[0]}`), text);
      });

      it('the step 4 cards parse, with team status and a reminder', () => {
        const team = leaderTeamCard({
          locale,
          leaderName: 'Mette',
          round,
          team: [
            { name: 'Ole', email: 'o@x', status: 'prepared', tabUrl: 'https://example.test/o' },
            { name: 'Kim', email: 'k@x', status: 'sent', tabUrl: 'https://example.test/k' },
          ],
        });
        assertValidCard(team);
        assert.match(cardText(team), /1 (af|of) 2/);
        assertValidCard(
          employeeReminderCard({
            locale,
            employeeName: 'Ole',
            leaderName: 'Mette',
            round,
            prepared: false,
          }),
        );
      });

      it('the step 5 evaluation card asks each statement on a 1–5 scale', () => {
        const card = evaluationCard({ locale, round });
        assertValidCard(card);
        const choiceSets = card.body.filter((e) => e.type === 'Input.ChoiceSet');
        assert.equal(choiceSets.length, 5);
        assertValidCard(evaluationCard({ locale, round, answered: true }));
      });

      it('a LUS round card speaks of the LUS round, its skema and its evaluation', () => {
        const lus = { ...round, kind: 'LUS' as const, name: 'Ledere 2027' };
        const txt = cardText(roundCard({ locale, round: lus, progress: {} }));
        assert.ok(
          txt.includes(locale === 'da' ? 'LUS-runde: Ledere 2027' : 'LUS round: Ledere 2027'),
        );
        assert.ok(txt.includes(locale === 'da' ? 'Send LUS-skema' : 'Send the LUS form'));
        assert.ok(!txt.includes('MUS'));
      });

      it('the round card offers only the next step to launch', () => {
        const launched = preparationDone(launchStep(round, 1, 'hr', now), 1, now);
        const card = roundCard({
          locale,
          round: launched,
          progress: { 1: { sent: 4, pending: 0, failed: 1, waiting: 0, notInstalled: 0 } },
        });
        assertValidCard(card);
        const verbs =
          JSON.stringify(card).match(
            /"verb":"round\.(launchStep|resend)","step":\d|"step":\d,"verb":"round\.(launchStep|resend)"/g,
          ) ?? [];
        assert.equal(verbs.length, 2, 'one resend for step 1 and one launch for step 2');
        assert.ok(JSON.stringify(card).includes('"step":2'));
        assert.ok(!JSON.stringify(card).includes('"step":3'));
      });

      it('while a launched step is being prepared, the round card says how far it has come and offers no next launch', () => {
        const two = [1, 2].reduce(
          (r, step) => preparationDone(launchStep(r, step as 1 | 2, 'hr', now), step as 1 | 2, now),
          round,
        );
        const ready = launchStep(two, 3, 'hr', now);
        const preparing = withPreparation(ready, 3, { phase: 'skemas', total: 3376, done: 1200 });
        const card = roundCard({ locale, round: preparing, progress: {} });
        assertValidCard(card);
        const json = JSON.stringify(card);
        assert.ok(
          json.includes(
            locale === 'da'
              ? 'Forbereder 3.376 skemaer … 1.200 oprettet'
              : 'Preparing 3,376 skemas … 1,200 created',
          ),
          json,
        );
        assert.ok(!json.includes('"step":4'), 'step 4 cannot be launched while step 3 is prepared');
        const queueing = withPreparation(ready, 3, { phase: 'cards', total: 3376, done: 500 });
        assert.ok(
          JSON.stringify(roundCard({ locale, round: queueing, progress: {} })).includes(
            locale === 'da' ? 'Lægger 3.376 kort i kø … 500' : 'Queueing 3,376 cards … 500',
          ),
        );
      });
    });
  }
});
