import type { z } from 'zod';
import { FIELD_MESSAGES, type FieldMessage } from '@touyan/schemas';
import { AppError } from './errors';

/** The raw value at a path of the input (undefined when any step is missing). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function fieldMessageOf(issue: z.core.$ZodIssue, input: unknown): FieldMessage | string {
  // A value of the wrong type that is there ("15" for a number) is a format error, not a missing
  // one, whatever message the schema gave its type check.
  if (
    issue.code === 'invalid_type' &&
    (!(issue.message in FIELD_MESSAGES) || ['required', 'invalid'].includes(issue.message))
  ) {
    const v = valueAt(input, issue.path);
    return v === undefined || v === null ? 'required' : 'invalid';
  }
  if (issue.message in FIELD_MESSAGES) return issue.message as FieldMessage;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? 'too_short' : 'too_small';
    case 'too_big':
      return issue.origin === 'string' ? 'too_long' : 'too_big';
    default:
      return 'invalid';
  }
}

/**
 * Control characters refused in text: C0 except tab, line feed and the CR of a CRLF; DEL; C1
 * (U+0080–U+009F). PostgreSQL refuses NUL outright (a 500 before this rule) while SQLite would
 * store it; the others are invisible, and none belongs in a name, a title or a report.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;
/**
 * A lone UTF-16 surrogate (`"\uD800"` in JSON): not text at all. PostgreSQL stores it in a text
 * column as U+FFFD (silently changed) and refuses it in JSON; SQLite would store a changed value too.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** No request of ours nests deeper; anything deeper is refused before it reaches a schema or a database. */
export const MAX_INPUT_DEPTH = 32;

/** What is wrong with one text value (or object key), or null when it is acceptable. */
export function textProblem(s: string): FieldMessage | null {
  if (CONTROL.test(s)) return 'control_chars';
  if (LONE_SURROGATE.test(s)) return 'invalid_chars';
  return null;
}

const showKey = (k: string) => k.replace(new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}`, 'g'), '\ufffd');

/**
 * Walks raw input (every string value and every object key, at any depth) for text no field may
 * hold, and for nesting deeper than MAX_INPUT_DEPTH. Iterative, so a body of 10 000 nested arrays
 * cannot exhaust the stack. Returns field path → message key, as VALIDATION_FAILED reports them.
 */
export function inputProblems(input: unknown): Record<string, FieldMessage> {
  const problems: Record<string, FieldMessage> = {};
  const note = (path: readonly (string | number)[], m: FieldMessage) => {
    const key = path.length ? path.join('.') : '_';
    if (!(key in problems)) problems[key] = m;
  };
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const p = textProblem(value);
      if (p) note(path, p);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) {
      note(path.slice(0, 1), 'too_deep');
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i]!;
      const p = textProblem(k);
      if (p) note([...path, showKey(k)], p);
      else stack.push({ value: v, path: [...path, k] });
    }
  }
  return problems;
}

/**
 * Parses input with a shared schema; failures become VALIDATION_FAILED with per-field messages.
 * Every request's params, query and body pass here (core/route.ts), so the rules on raw text —
 * no control characters, no lone surrogates, bounded nesting — hold for all input, on both databases.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const problems = inputProblems(input);
  if (Object.keys(problems).length) throw new AppError('VALIDATION_FAILED', problems);
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  const note = (path: readonly PropertyKey[], m: string) => {
    const key = path.length ? path.map(String).join('.') : '_';
    if (!(key in fields)) fields[key] = m;
  };
  for (const issue of result.error.issues) {
    // An unknown key (a typo in a score item, say) is named by its own path, not its parent's.
    if (issue.code === 'unrecognized_keys') for (const k of issue.keys) note([...issue.path, k], 'unknown_item');
    else note(issue.path, fieldMessageOf(issue, input));
  }
  throw new AppError('VALIDATION_FAILED', fields);
}
