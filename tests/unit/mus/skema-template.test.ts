import assert from 'node:assert/strict';
import { defaultMusTemplate } from '../../../bot/mus/default-template.js';
import {
  TEMPLATE_MAX_SECTIONS,
  questionSections,
  templateIssues,
  type SkemaTemplate,
  type TemplateSection,
} from '../../../bot/mus/skema-template.js';
import { assertBilingual } from './builders.js';

function section(id: string, overrides: Partial<TemplateSection> = {}): TemplateSection {
  return {
    id,
    kind: 'question',
    title: { da: `Titel ${id}`, en: `Title ${id}` },
    prompt: { da: `Spørgsmål ${id}?`, en: `Question ${id}?` },
    ...overrides,
  };
}

function wheres(template: SkemaTemplate): string[] {
  return templateIssues(template).map((i) => i.where);
}

describe('skema template', () => {
  it('a well-formed template has no issues', () => {
    assert.deepEqual(templateIssues({ sections: [section('a'), section('b-2')] }), []);
  });

  it('a template with two sections of the same id is refused at the second', () => {
    assert.deepEqual(wheres({ sections: [section('a'), section('b'), section('a')] }), [
      'sections[2].id',
    ]);
  });

  it('a section id with capitals, spaces or a leading hyphen is refused', () => {
    for (const id of ['Kerneopgaven', 'mit svar', '-a', '', 'x'.repeat(41)]) {
      assert.deepEqual(wheres({ sections: [section(id)] }), ['sections[0].id'], id);
    }
  });

  it('a section id of up to 40 lower-case letters, digits and hyphens is accepted', () => {
    assert.deepEqual(wheres({ sections: [section('x'.repeat(40)), section('0-a-9')] }), []);
  });

  it('an empty or blank text is refused in each language, naming the field', () => {
    const blankTitle = section('a', { title: { da: '  ', en: 'Title' } });
    const blankPrompt = section('b', { prompt: { da: 'Spørgsmål?', en: '' } });
    assert.deepEqual(wheres({ sections: [blankTitle, blankPrompt] }), [
      'sections[0].title.da',
      'sections[1].prompt.en',
    ]);
  });

  it('a text longer than 1000 characters is refused', () => {
    const long = section('a', { prompt: { da: 'x'.repeat(1001), en: 'x'.repeat(1000) } });
    assert.deepEqual(wheres({ sections: [long] }), ['sections[0].prompt.da']);
  });

  it(`a template with more than ${TEMPLATE_MAX_SECTIONS} sections is refused`, () => {
    const sections = Array.from({ length: TEMPLATE_MAX_SECTIONS + 1 }, (_, i) => section(`s${i}`));
    assert.deepEqual(wheres({ sections }), ['sections']);
  });

  it(`a template with exactly ${TEMPLATE_MAX_SECTIONS} sections is accepted`, () => {
    const sections = Array.from({ length: TEMPLATE_MAX_SECTIONS }, (_, i) => section(`s${i}`));
    assert.deepEqual(wheres({ sections }), []);
  });

  it('a template with no sections is refused', () => {
    assert.deepEqual(wheres({ sections: [] }), ['sections']);
  });

  it('every issue is explained in Danish and English', () => {
    const issues = templateIssues({
      sections: [
        ...Array.from({ length: TEMPLATE_MAX_SECTIONS }, (_, i) => section(`s${i}`)),
        section('s0', { title: { da: '', en: '' } }),
      ],
    });
    assert.ok(issues.length >= 3);
    for (const issue of issues) assertBilingual(issue.message, issue.where);
  });

  it('questionSections leaves out the agreements section', () => {
    assert.deepEqual(
      questionSections(defaultMusTemplate()).map((s) => s.id),
      [
        'kerneopgaven',
        'rammer-og-retning',
        'handlinger',
        'vaerdier',
        'fremtidens-behov',
        'forventninger',
      ],
    );
  });
});
