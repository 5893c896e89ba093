import type { z } from 'zod';
import type { Bilingual } from '../mus/bilingual.js';
import { ValidationError, type ValidationIssue } from '../mus/errors.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';
import { fill } from '../../texts/fill.js';

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
  string: ERRORS_TEXTS.validateInput.string,
  boolean: ERRORS_TEXTS.validateInput.boolean,
  number: ERRORS_TEXTS.validateInput.number,
  object: ERRORS_TEXTS.validateInput.object,
  array: ERRORS_TEXTS.validateInput.array,
  record: ERRORS_TEXTS.validateInput.object,
};

function isBilingual(value: unknown): value is Bilingual {
  const v = value as Partial<Bilingual> | undefined;
  return typeof v?.da === 'string' && typeof v.en === 'string';
}

function describe(issue: ZodIssue): Bilingual {
  switch (issue.code) {
    case 'unrecognized_keys':
      return fill(ERRORS_TEXTS.validateInput.unknownField, { keys: issue.keys.join(', ') });
    case 'invalid_type': {
      if (issue.input === undefined) return ERRORS_TEXTS.validateInput.fieldMissing;
      const name = TYPE_NAMES[issue.expected];
      return name
        ? fill(ERRORS_TEXTS.validateInput.mustBe, { name })
        : ERRORS_TEXTS.validateInput.hasWrongType;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') {
        return fill(ERRORS_TEXTS.validateInput.atMostCharacters, { max });
      }
      if (issue.origin === 'array') {
        return fill(ERRORS_TEXTS.validateInput.atMostItems, { max });
      }
      return fill(ERRORS_TEXTS.validateInput.atMost, { max });
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.exact && issue.origin === 'array') {
        return fill(ERRORS_TEXTS.validateInput.mustHaveExactlyItems, { min });
      }
      if (issue.origin === 'string') {
        return issue.minimum === 1
          ? ERRORS_TEXTS.validateInput.mustNotBeEmpty
          : fill(ERRORS_TEXTS.validateInput.atLeastCharacters, { min });
      }
      if (issue.origin === 'array') {
        return fill(ERRORS_TEXTS.validateInput.atLeastItems, { min });
      }
      return fill(ERRORS_TEXTS.validateInput.atLeast, { min });
    }
    case 'invalid_value':
      return fill(ERRORS_TEXTS.validateInput.mustBeOne, {
        map: issue.values.map(String).join(', '),
      });
    case 'invalid_format':
      if (issue.format === 'email') {
        return ERRORS_TEXTS.validateInput.mustBeEmailAddress;
      }
      if (issue.format === 'date') {
        return ERRORS_TEXTS.validateInput.mustBeDateYyyy;
      }
      if (issue.format === 'datetime') {
        return ERRORS_TEXTS.validateInput.mustBeDateTime;
      }
      return ERRORS_TEXTS.validateInput.hasInvalidFormat;
    case 'custom':
      if (isBilingual(issue.params)) return issue.params;
      return ERRORS_TEXTS.validateInput.notValid;
    default:
      return ERRORS_TEXTS.validateInput.notValid;
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
