import type { ZodType } from 'zod';
import { FIELD_MESSAGES, type FieldMessage, type Locale } from '@touyan/schemas/plain';

/**
 * Checks one field of a light form with the server's zod schema (loaded lazily by the page) and gives
 * the message to show, or null: the same wording as the admin forms (components/forms.ts) — a zod
 * issue's message is a key of FIELD_MESSAGES; anything else reads as 必填 or 格式不正确.
 */
export function fieldError(schema: ZodType, value: unknown, locale: Locale): string | null {
  const v = value === null || value === '' ? undefined : value;
  const r = schema.safeParse(v);
  if (r.success) return null;
  const key = r.error.issues[0]?.message as FieldMessage | undefined;
  if (key && key in FIELD_MESSAGES) return FIELD_MESSAGES[key][locale];
  const empty = v === undefined || (typeof v === 'string' && v.trim() === '');
  return FIELD_MESSAGES[empty ? 'required' : 'invalid'][locale];
}
