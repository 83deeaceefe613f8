import type { z } from 'zod';
import { FIELD_MESSAGES, type FieldMessage } from '@touyan/schemas';
import { AppError } from './errors';

function fieldMessageOf(issue: z.core.$ZodIssue): FieldMessage | string {
  if (issue.message in FIELD_MESSAGES) return issue.message as FieldMessage;
  switch (issue.code) {
    case 'invalid_type':
      return (issue as { input?: unknown }).input === undefined ? 'required' : 'invalid';
    case 'too_small':
      return issue.origin === 'string' ? 'too_short' : 'too_small';
    case 'too_big':
      return issue.origin === 'string' ? 'too_long' : 'too_big';
    default:
      return 'invalid';
  }
}

/** Parses input with a shared schema; failures become VALIDATION_FAILED with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    if (!(key in fields)) fields[key] = fieldMessageOf(issue);
  }
  throw new AppError('VALIDATION_FAILED', fields);
}
