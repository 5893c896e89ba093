import type { z } from 'zod';
import type { Bilingual } from '../mus/bilingual.js';
import { ValidationError, type ValidationIssue } from '../mus/errors.js';

/*
 * Every HTTP input passes a zod schema before it reaches a use case (docs/architecture.md, "Who sees what"). zod's own messages
 * are English and technical, so each issue is retold here in both languages; objects are strict, so
 * an unknown field is an issue too.
 */

type ZodIssue = z.core.$ZodIssue;

/** Bilingual text for a refinement: `.refine(check, { params: bilingual(...) })`. */
export function refinementText(text: Bilingual): { params: Bilingual } {
  return { params: text };
}

const TYPE_NAMES: Record<string, Bilingual> = {
  string: { da: 'en tekst', en: 'a text' },
  boolean: { da: 'sand eller falsk', en: 'true or false' },
  number: { da: 'et tal', en: 'a number' },
  object: { da: 'et objekt', en: 'an object' },
  array: { da: 'en liste', en: 'a list' },
  record: { da: 'et objekt', en: 'an object' },
};

function isBilingual(value: unknown): value is Bilingual {
  const v = value as Partial<Bilingual> | undefined;
  return typeof v?.da === 'string' && typeof v.en === 'string';
}

function describe(issue: ZodIssue): Bilingual {
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        da: `Ukendt felt: ${issue.keys.join(', ')}.`,
        en: `Unknown field: ${issue.keys.join(', ')}.`,
      };
    case 'invalid_type': {
      if (issue.input === undefined) return { da: 'Feltet mangler.', en: 'The field is missing.' };
      const name = TYPE_NAMES[issue.expected];
      return name
        ? { da: `Skal være ${name.da}.`, en: `Must be ${name.en}.` }
        : { da: 'Har en forkert type.', en: 'Has the wrong type.' };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') {
        return { da: `Højst ${max} tegn.`, en: `At most ${max} characters.` };
      }
      if (issue.origin === 'array') {
        return { da: `Højst ${max} elementer.`, en: `At most ${max} items.` };
      }
      return { da: `Højst ${max}.`, en: `At most ${max}.` };
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.exact && issue.origin === 'array') {
        return { da: `Skal have præcis ${min} elementer.`, en: `Must have exactly ${min} items.` };
      }
      if (issue.origin === 'string') {
        return issue.minimum === 1
          ? { da: 'Må ikke være tom.', en: 'Must not be empty.' }
          : { da: `Mindst ${min} tegn.`, en: `At least ${min} characters.` };
      }
      if (issue.origin === 'array') {
        return { da: `Mindst ${min} elementer.`, en: `At least ${min} items.` };
      }
      return { da: `Mindst ${min}.`, en: `At least ${min}.` };
    }
    case 'invalid_value':
      return {
        da: `Skal være en af: ${issue.values.map(String).join(', ')}.`,
        en: `Must be one of: ${issue.values.map(String).join(', ')}.`,
      };
    case 'invalid_format':
      if (issue.format === 'email') {
        return { da: 'Skal være en e-mailadresse.', en: 'Must be an email address.' };
      }
      if (issue.format === 'date') {
        return { da: 'Skal være en dato (ÅÅÅÅ-MM-DD).', en: 'Must be a date (YYYY-MM-DD).' };
      }
      if (issue.format === 'datetime') {
        return {
          da: 'Skal være et tidspunkt (ISO 8601, fx 2026-03-02T09:00:00Z).',
          en: 'Must be a date and time (ISO 8601, e.g. 2026-03-02T09:00:00Z).',
        };
      }
      return { da: 'Har et ugyldigt format.', en: 'Has an invalid format.' };
    case 'custom':
      if (isBilingual(issue.params)) return issue.params;
      return { da: 'Er ikke gyldig.', en: 'Is not valid.' };
    default:
      return { da: 'Er ikke gyldig.', en: 'Is not valid.' };
  }
}

/** Turns zod's issues into ours: a field path and a message in both languages. */
export function validationIssues(issues: readonly ZodIssue[], prefix = ''): ValidationIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return {
      where: [prefix, path].filter(Boolean).join('.') || '(body)',
      message: describe(issue),
    };
  });
}

/**
 * Parses an input with `schema`, or throws a 400 ValidationError listing every problem. `prefix`
 * names where the input came from when it is not the body (`path`, `query`).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(validationIssues(result.error.issues, prefix));
}
