import assert from 'node:assert/strict';
import {
  COMMON_UNDERSTANDINGS,
  LEADERSHIP_QUESTIONS,
  MUS_PURPOSE,
  PHASES,
  WATCH_OUTS,
  defaultMusTemplate,
} from '../../../bot/mus/default-template.js';
import { SECTION_ID, templateIssues } from '../../../bot/mus/skema-template.js';
import { assertBilingual } from './builders.js';

describe('default template', () => {
  const template = defaultMusTemplate();

  it('has seven sections', () => {
    assert.equal(template.sections.length, 7);
  });

  it('follows the structure of the method: four understandings, future needs, expectations, agreements', () => {
    assert.deepEqual(
      template.sections.map((s) => s.title.da),
      [
        'Kerneopgaven',
        'Rammer og retning',
        'Handlinger',
        'Værdier, normer og moral',
        'Fremtidens behov',
        'Forventninger og kontrol',
        'Aftaler og opfølgning',
      ],
    );
  });

  it('has unique, well-formed section ids', () => {
    const ids = template.sections.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, SECTION_ID);
  });

  it('has a title and a prompt in both languages for every section', () => {
    for (const s of template.sections) {
      assertBilingual(s.title, `${s.id}.title`);
      assertBilingual(s.prompt, `${s.id}.prompt`);
    }
  });

  it('ends with the agreements section, and only that one is for agreements', () => {
    const last = template.sections.at(-1)!;
    assert.equal(last.kind, 'agreements');
    assert.equal(last.id, 'aftaler');
    assert.deepEqual(
      template.sections.slice(0, -1).map((s) => s.kind),
      Array(6).fill('question'),
    );
  });

  it('passes the same checks HR edits must pass', () => {
    assert.deepEqual(templateIssues(template), []);
  });

  it('gives a fresh copy each time, so editing one round never changes another', () => {
    const a = defaultMusTemplate();
    a.sections[0]!.title.da = 'Ændret';
    a.sections.pop();
    const b = defaultMusTemplate();
    assert.equal(b.sections.length, 7);
    assert.equal(b.sections[0]!.title.da, 'Kerneopgaven');
  });

  it('names the four common understandings and the three phases in both languages', () => {
    assert.equal(COMMON_UNDERSTANDINGS.length, 4);
    assert.deepEqual(
      PHASES.map((p) => p.da),
      ['Forberedelse', 'Samtale (45 minutter)', 'Opsamling og opfølgning'],
    );
    [...COMMON_UNDERSTANDINGS, ...PHASES].forEach((t, i) => assertBilingual(t, `text ${i}`));
  });

  it('has the watch-outs, leadership questions and purpose in both languages', () => {
    assert.equal(WATCH_OUTS.length, 3);
    assert.equal(LEADERSHIP_QUESTIONS.length, 3);
    for (const w of WATCH_OUTS) {
      assertBilingual(w.title, 'watch-out title');
      assertBilingual(w.text, `watch-out ${w.title.en}`);
    }
    LEADERSHIP_QUESTIONS.forEach((q, i) => assertBilingual(q, `leadership question ${i}`));
    assertBilingual(MUS_PURPOSE, 'purpose');
  });
});
