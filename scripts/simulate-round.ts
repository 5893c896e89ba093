/*
 * Plays Teams' part for a whole MUS round, so you can see what the bot does without a tenant:
 * the bot is added to HR's team, HR creates a round and launches the five steps, an employee
 * prepares in chat, the leader holds and finalises the talk, the employee acknowledges.
 * Everything runs for real (Azurite, the Bot Framework adapter over HTTP, the outbox dispatcher);
 * only Teams itself is played by a local fake Bot Connector.
 *
 *   npm run simulate
 */
import { DEV_ORG_ID } from '../bot/config.js';
import type { Round } from '../bot/mus/round.js';
import { finaliseSkema } from '../bot/skema/finalise-skema.js';
import { startTalk } from '../bot/skema/start-talk.js';
import { stopTestAzurite } from '../tests/helpers/azurite.js';
import { HR_EMAIL, startRolloutHarness } from '../tests/helpers/rollout-harness.js';

const EMPLOYEE = 'ole.frederiksen@vandvaerk.example';
const LEADER = 'mette.kjaer@vandvaerk.example';

const h = await startRolloutHarness();
const say = (line: string): void => console.log(line);
const headingOf = (card: unknown): string => {
  const body = (card as { body?: { type: string; text?: string }[] }).body ?? [];
  return body.find((e) => e.type === 'TextBlock')?.text ?? '(kort uden overskrift)';
};
const cardsSoFar = (): number => h.fake.activities().length;

try {
  say(
    'MUS for Teams — simuleret runde / simulated round (sample roster: 1 HR, 3 leaders, 25 employees)\n',
  );
  await h.installInTeam();
  const learnt = (await h.storage.repositories.people.list(DEV_ORG_ID)).filter(
    (p) => p.teams?.userId,
  );
  say(`• Botten er tilføjet HR-teamet og kender nu ${learnt.length} personer i Teams.`);

  await h.say(HR_EMAIL, 'ny runde MUS 2027');
  const round: Round = (await h.storage.repositories.rounds.list(DEV_ORG_ID))[0]!;
  say(`• HR skrev "@MUS ny runde MUS 2027": rundekortet er lagt i kanalen (runde ${round.id}).`);

  for (const step of [1, 2, 3, 4, 5] as const) {
    const before = cardsSoFar();
    const response = await h.click(HR_EMAIL, 'round.launchStep', { roundId: round.id, step });
    await h.drain();
    const sent = h.fake
      .activities()
      .slice(before)
      .filter((a) => !a.conversationId.startsWith('19:'));
    const titles = new Map<string, number>();
    for (const a of sent) {
      for (const att of (a.activity.attachments ?? []) as { content: unknown }[]) {
        const title = headingOf(att.content);
        titles.set(title, (titles.get(title) ?? 0) + 1);
      }
    }
    say(
      `• Trin ${step} sat i gang (${response.type.endsWith('adaptive') ? 'kortet opdateret' : String(response.value)}):`,
    );
    for (const [title, n] of titles) say(`    ${n} × "${title}"`);

    if (step === 3) {
      const skema = (await h.storage.repositories.skemas.get(DEV_ORG_ID, round.id, EMPLOYEE))!;
      const saved = await h.click(
        EMPLOYEE,
        'skema.submit',
        {
          roundId: round.id,
          employeeEmail: EMPLOYEE,
          etag: skema.etag,
          answer_kerneopgaven:
            'Vi sikrer rent drikkevand; jeg bidrager mest med driften af værkerne.',
          'answer_fremtidens-behov': 'Mere digital overvågning — det vil jeg gerne lære.',
        },
        'personal',
      );
      say(
        `    ${EMPLOYEE} udfyldte og sendte sit skema i chatten → ${saved.type.endsWith('adaptive') ? 'kortet viser opsummeringen' : String(saved.value)}`,
      );
    }
    if (step === 4) {
      const leader = (await h.storage.repositories.people.get(DEV_ORG_ID, LEADER))!.value;
      const ref = { roundId: round.id, employeeEmail: EMPLOYEE };
      const skema = (await h.storage.repositories.skemas.get(DEV_ORG_ID, round.id, EMPLOYEE))!;
      const started = await startTalk(h.skemaServices, leader, ref, { etag: skema.etag });
      await finaliseSkema(h.skemaServices, leader, ref, { etag: started.etag });
      await h.drain();
      const summary = (await h.storage.repositories.skemas.get(DEV_ORG_ID, round.id, EMPLOYEE))!;
      const ack = await h.click(
        EMPLOYEE,
        'skema.acknowledge',
        {
          roundId: round.id,
          employeeEmail: EMPLOYEE,
          etag: summary.etag,
          comment: 'Tak for en god samtale.',
        },
        'personal',
      );
      const after = (await h.storage.repositories.skemas.get(DEV_ORG_ID, round.id, EMPLOYEE))!
        .value;
      say(
        `    ${LEADER} holdt og afsluttede samtalen i fanen; ${EMPLOYEE} fik opsummeringen og kvitterede (status: ${after.status}) ${ack.type.endsWith('adaptive') ? '' : String(ack.value)}`,
      );
    }
  }
  await h.rollout.services.announcer.updateNow(DEV_ORG_ID, round.id);
  const progress = await h.rollout.services.announcer.progress(
    (await h.storage.repositories.rounds.get(DEV_ORG_ID, round.id))!.value,
  );
  say('\nRundekortet i HR-kanalen viser nu / the round card in HR’s channel now shows:');
  for (const [step, p] of Object.entries(progress)) {
    if (!p) continue;
    say(
      `  trin ${step}: sendt ${p.sent}, venter ${p.pending}, fejlet ${p.failed}, ikke installeret ${p.notInstalled}${p.answered !== undefined ? `, besvaret ${p.answered}` : ''}`,
    );
  }
  say(
    `\nI alt ${h.fake.activities().length} beskeder sendt til den falske Teams-forbindelse / messages sent to the fake Teams connector.`,
  );
} finally {
  await h.close();
  await stopTestAzurite();
}
