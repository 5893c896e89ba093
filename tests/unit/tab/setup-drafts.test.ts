import assert from 'node:assert/strict';
import type { RoundSetupView } from '../../../bot/api/round-setup-view.js';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import { templateIssues } from '../../../bot/mus/skema-template.js';
import {
  advancedBase,
  baseOf,
  deadlinesToCheck,
  moveSection,
  normalisedInvitation,
  removeAt,
  sectionIssuePlace,
  withNewQuestion,
} from '../../../tab/src/setup-drafts.js';

function setupView(etag: string, change: Partial<RoundSetupView> = {}): RoundSetupView {
  return {
    id: 'mus-2026',
    name: 'MUS 2026',
    kind: 'MUS',
    createdAt: '2026-03-02T09:00:00Z',
    closedAt: null,
    deadlines: {
      '1': '2026-03-09',
      '2': '2026-03-16',
      '3': '2026-03-23',
      '4': '2026-04-20',
      '5': '2026-05-04',
    },
    launched: { '1': null, '2': null, '3': null, '4': null, '5': null },
    template: defaultMusTemplate(),
    editable: true,
    invitation: { questions: [] },
    invitationEditable: true,
    etag,
    ...change,
  };
}

describe('the tab: HR’s setup drafts', () => {
  it('moves a question one place up or down, and not past either end', () => {
    assert.deepEqual(moveSection(['a', 'b', 'c'], 2, -1), ['a', 'c', 'b']);
    assert.deepEqual(moveSection(['a', 'b', 'c'], 0, 1), ['b', 'a', 'c']);
    assert.deepEqual(moveSection(['a', 'b', 'c'], 0, -1), ['a', 'b', 'c']);
    assert.deepEqual(moveSection(['a', 'b', 'c'], 2, 1), ['a', 'b', 'c']);
    assert.deepEqual(removeAt(['a', 'b', 'c'], 1), ['a', 'c']);
  });

  it('adds a new question before the agreements, with an id no section has and the server accepts', () => {
    const sections = withNewQuestion(withNewQuestion(defaultMusTemplate().sections));
    const ids = sections.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(sections.at(-1)?.kind, 'agreements');
    const filled = sections.map((s) =>
      s.title.da
        ? s
        : { ...s, title: { da: 'Ny', en: 'New' }, prompt: { da: 'Hvad?', en: 'What?' } },
    );
    assert.deepEqual(templateIssues({ sections: filled }), []);
  });

  it('a part saved by someone else keeps its old ETag; a part nobody changed moves on to the new one', () => {
    const first = setupView('e1');
    const template = baseOf(first, 'template');
    const deadlines = baseOf(first, 'deadlines');
    // Another save changed only the deadlines.
    const next = setupView('e2', { deadlines: { ...first.deadlines, '5': '2026-05-11' } });
    assert.equal(advancedBase(template, next, 'template').etag, 'e2');
    assert.equal(advancedBase(deadlines, next, 'deadlines').etag, 'e1');
  });

  it('an invitation without words or questions is no invitation', () => {
    assert.deepEqual(
      normalisedInvitation({ text: { da: ' ', en: '' }, questions: [{ da: '', en: '' }] }),
      { questions: [] },
    );
  });

  it('reads which question and field a refusal is about, in both spellings of the path', () => {
    assert.deepEqual(sectionIssuePlace('sections.6.title.da'), {
      index: 6,
      field: 'title',
      lang: 'da',
    });
    assert.deepEqual(sectionIssuePlace('sections[2].prompt.en'), {
      index: 2,
      field: 'prompt',
      lang: 'en',
    });
    assert.equal(sectionIssuePlace('sections'), undefined);
  });

  it('after a refusal of the deadlines, points at the steps without a date or before the step ahead', () => {
    const inOrder = {
      '1': '2026-03-09',
      '2': '2026-03-16',
      '3': '2026-03-23',
      '4': '2026-04-20',
      '5': '2026-05-04',
    };
    assert.deepEqual(deadlinesToCheck(inOrder), []);
    assert.deepEqual(deadlinesToCheck({ ...inOrder, '3': '2026-03-10' }), ['3']);
    assert.deepEqual(deadlinesToCheck({ ...inOrder, '2': '', '5': '2026-04-01' }), ['2', '5']);
  });
});
