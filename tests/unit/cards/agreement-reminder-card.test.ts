import assert from 'node:assert/strict';
import {
  AGREEMENT_SET_STATUS_VERB,
  agreementReminderCard,
  type AgreementCardView,
} from '../../../bot/cards/agreement-reminder-card.js';
import { assertValidCard, cardText } from '../../helpers/card-validation.js';

function view(overrides: Partial<AgreementCardView> = {}): AgreementCardView {
  return {
    locale: 'da',
    roundName: 'MUS 2026',
    employeeName: 'Ole Frederiksen',
    leaderName: 'Mette Kjær',
    ownerName: 'Ole Frederiksen',
    agreement: {
      roundId: 'mus-2026',
      employeeEmail: 'ole@x.example',
      id: 'a1',
      what: 'Tage *kurset* i SCADA',
      dueDate: '2026-09-15',
      status: 'open',
    },
    etag: 'W/"1"',
    reminder: true,
    ...overrides,
  };
}

type Action = { verb?: string; title: string; data?: Record<string, unknown> };

describe('the agreement reminder card', () => {
  it('is a valid Adaptive Card 1.5 in Danish and in English', () => {
    const da = agreementReminderCard(view());
    const en = agreementReminderCard(view({ locale: 'en', tabUrl: 'https://x.example/tab' }));
    assertValidCard(da);
    assertValidCard(en);
    assert.match(cardText(da), /Fristen for denne aftale er 15\. september 2026/);
    assert.match(cardText(en), /This agreement is due on 15 September 2026/);
  });

  it('offers one button per other status, each carrying the ids, the status and the ETag', () => {
    const actions = (agreementReminderCard(view()).actions ?? []) as Action[];
    const statuses = actions.filter((a) => a.verb === AGREEMENT_SET_STATUS_VERB);
    assert.deepEqual(
      statuses.map((a) => a.data?.status),
      ['in-progress', 'done', 'dropped'],
    );
    assert.deepEqual(statuses[1]!.data, {
      roundId: 'mus-2026',
      employeeEmail: 'ole@x.example',
      agreementId: 'a1',
      status: 'done',
      etag: 'W/"1"',
      verb: AGREEMENT_SET_STATUS_VERB,
    });
    const done = agreementReminderCard(
      view({ agreement: { ...view().agreement, status: 'done' } }),
    );
    assert.ok(
      !(done.actions as Action[]).some((a) => a.data?.status === 'done'),
      'no button for the status it already has',
    );
  });

  it('shows the agreement text as written, not as markdown', () => {
    assert.match(JSON.stringify(agreementReminderCard(view())), /Tage \\\\\*kurset\\\\\* i SCADA/);
  });

  it('confirms an update and explains a conflict in the user’s language', () => {
    const updated = agreementReminderCard(
      view({
        reminder: false,
        agreement: { ...view().agreement, status: 'done' },
        notice: { kind: 'updated' },
      }),
    );
    assert.match(cardText(updated), /Status er nu: Gennemført/);
    const conflict = agreementReminderCard(view({ locale: 'en', notice: { kind: 'conflict' } }));
    assertValidCard(conflict);
    assert.match(cardText(conflict), /changed elsewhere/);
  });
});
