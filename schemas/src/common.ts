import { z } from 'zod';
import type { FieldMessage } from './errors';

/** A Zod issue message that is a key of FIELD_MESSAGES, translated by the server's error handler. */
export const msg = (key: FieldMessage) => ({ message: key });

/**
 * The message of a wrong type: `required` when the value is missing (undefined or null), `invalid`
 * when something else was sent — the string "15" where a number belongs is a format error, not an
 * empty field.
 */
export const typeMsg = {
  error: (issue: { input?: unknown }): FieldMessage =>
    issue.input === undefined || issue.input === null ? 'required' : 'invalid',
};

/**
 * What a number field sent: an empty one (null, '' or blanks, as a cleared form input gives) is
 * missing; a numeric string is its number (forms and query strings); anything else is left for the
 * number schema to refuse as `invalid`.
 */
function numberInput(v: unknown): unknown {
  if (v === null) return undefined;
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isNaN(n) ? v : n;
}

/**
 * A required number: an empty field is `required` (必填), not `invalid` (格式不正确) as
 * `z.coerce.number()` makes it (Number('') is 0, Number(undefined) NaN); `refine` adds the bounds,
 * e.g. `requiredNumber((n) => n.int().min(0))`.
 */
export const requiredNumber = (refine: (n: z.ZodNumber) => z.ZodNumber = (n) => n) =>
  z.preprocess(numberInput, refine(z.number(typeMsg)));

export const idSchema = z
  .string()
  .min(10)
  .max(40)
  .regex(/^[0-9A-Za-z_-]+$/, msg('invalid'));
export const idParams = z.object({ id: idSchema });

/**
 * The kinds of record an id in a request body can point at. Every such id is declared with
 * `refId(kind)`: the server resolves it through that record's read scope for the caller before the
 * handler runs (404 when outside it), and a test fails for a body id that is not declared.
 */
export const REF_KINDS = [
  'partyOrg',
  'hostOrg',
  'instructor',
  'user',
  'campaign',
  'challenge',
  'project',
  'indicator',
  'report',
  'attachment',
  'contest',
  'rubricTemplate',
  'notification',
  'department',
  'visit',
  'demand',
  'worker',
  'compound',
  'compoundGate',
  'gigFair',
  'disputeCentre',
  'disputeCase',
  /** A mediator of a centre the caller reaches (a user id). */
  'disputeMediator',
] as const;
export type RefKind = (typeof REF_KINDS)[number];
/** The JSON Schema keyword (in the OpenAPI document) naming the kind of record an id points at. */
export const REF_KEYWORD = 'x-ref';
/** An id that points at another record of `kind` (see REF_KINDS). */
export const refId = (kind: RefKind) => idSchema.meta({ [REF_KEYWORD]: kind });

export const trimmed = (max: number, min = 1) =>
  z
    .string(typeMsg)
    .trim()
    .min(min, msg(min <= 1 ? 'required' : 'too_short'))
    .max(max, msg('too_long'));

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, msg('too_long'))
    .nullish()
    .transform((v) => (v ? v : null));

export const limitSchema = z.coerce.number().int().min(1).max(200).default(20);
/**
 * A page cursor as the lists hand it out: the last row's id (keyset by ULID), or `total|id` for
 * ranked lists. Anything else is refused (400 naming `cursor`) rather than read as an empty page.
 */
export const cursorSchema = z
  .string()
  .max(200)
  .regex(/^(?:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\|)?[0-9A-Za-z_-]{10,40}$/, msg('invalid'))
  .optional();
export const pageQuery = z.object({ limit: limitSchema, cursor: cursorSchema });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** Boolean query parameter: "1", "true" → true; "0", "false" → false. */
export const boolQuery = z
  .enum(['1', '0', 'true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true'));

export const versionSchema = z.number().int().min(1);

export const regionCodeSchema = z.string().regex(/^\d{6}$/, msg('region_code'));
export const mobileSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, msg('mobile'));
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('invalid'));

export const passwordSchema = z
  .string()
  .min(8, msg('password_weak'))
  .max(128, msg('too_long'))
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), msg('password_weak'));
