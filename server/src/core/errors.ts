import { ERRORS, FIELD_MESSAGES, type ErrorCode, type FieldMessage, type Locale } from '@touyan/schemas';

/** The one error type. `fields` values are FIELD_MESSAGES keys (translated on the way out) or plain text. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly fields?: Record<string, FieldMessage | string>,
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const conflict = () => new AppError('VERSION_CONFLICT');

export function translateField(value: string, locale: Locale): string {
  const known = (FIELD_MESSAGES as Record<string, { 'zh-CN': string; en: string }>)[value];
  return known ? known[locale] : value;
}

export function errorBody(err: AppError, locale: Locale, requestId: string) {
  const fields = err.fields
    ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, translateField(v, locale)]))
    : undefined;
  return { code: err.code, message: ERRORS[err.code][locale], ...(fields ? { fields } : {}), requestId };
}
