import assert from 'node:assert/strict';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import { newSkema } from '../../../bot/mus/skema.js';
import { newDelivery } from '../../../bot/rollout/delivery.js';
import { Outbox } from '../../../bot/rollout/outbox.js';
import { InMemoryDeliveryStore } from '../../helpers/in-memory-delivery-store.js';

const NOW = new Date('2026-03-02T09:00:00Z');

function summaryFor(employeeEmail: string) {
  return newSkema({
    orgId: 'org',
    roundId: 'mus-2026',
    employeeEmail,
    leaderEmail: 'leder@vandvaerk.example',
    template: defaultMusTemplate(),
    now: NOW,
    by: 'leder@vandvaerk.example',
  });
}

describe('the outbox: where cards are planned and the dispatcher is woken', () => {
  it('planning rows stores them once and wakes every listener after they are stored', async () => {
    const store = new InMemoryDeliveryStore();
    const outbox = new Outbox(store, () => NOW);
    const storedAtWake: number[] = [];
    outbox.onWake(() => {
      void store.list('org', 'mus-2026', 2).then((rows) => storedAtWake.push(rows.length));
    });
    const row = newDelivery(
      {
        orgId: 'org',
        roundId: 'mus-2026',
        step: 2,
        audience: 'employee',
        recipientEmail: 'a@x.dk',
      },
      NOW,
    );
    assert.deepEqual(await outbox.plan([row]), { created: 1, existing: 0 });
    assert.deepEqual(await outbox.plan([row]), { created: 0, existing: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(storedAtWake, [1, 1]);
  });

  it('a finalised talk queues one summary card for the employee, even when asked twice', async () => {
    const store = new InMemoryDeliveryStore();
    const outbox = new Outbox(store, () => NOW);
    let wakes = 0;
    outbox.onWake(() => (wakes += 1));
    const skema = summaryFor('pernille@vandvaerk.example');
    await outbox.queueSummaryCard(skema);
    await outbox.queueSummaryCard(skema);
    const rows = await store.list('org', 'mus-2026', 4);
    assert.deepEqual(
      rows.map((r) => [r.audience, r.recipientEmail, r.status]),
      [['summary', 'pernille@vandvaerk.example', 'pending']],
    );
    assert.equal(wakes, 2);
  });

  it('a listener that stopped listening is not woken', () => {
    const outbox = new Outbox(new InMemoryDeliveryStore(), () => NOW);
    let wakes = 0;
    const stop = outbox.onWake(() => (wakes += 1));
    outbox.wake();
    stop();
    outbox.wake();
    assert.equal(wakes, 1);
  });
});
