import { useCallback } from 'react';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ZodType, core } from 'zod';
import { FIELD_MESSAGES, type FieldMessage, type Locale } from '@touyan/schemas';
import { isApiError } from '../api/client';
import { useLocale } from '../i18n';

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Translates a Zod issue: its message is a key of FIELD_MESSAGES; anything else reads as 必填 or 格式不正确. */
export function issueMessage(issue: core.$ZodIssue, value: unknown, locale: Locale): string {
  const key = issue.message as FieldMessage;
  if (key in FIELD_MESSAGES) return FIELD_MESSAGES[key][locale];
  return FIELD_MESSAGES[isEmpty(value) ? 'required' : 'invalid'][locale];
}

/** Empty inputs become undefined so that Zod's "required" wording applies (a cleared InputNumber gives null). */
export function normalizeValue(v: unknown): unknown {
  if (v === null || v === '') return undefined;
  return v;
}

export function normalizeValues(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = normalizeValue(v);
  return out;
}

/** An antd Form rule that checks one field with the same Zod schema the server uses. */
export function useZodRule() {
  const [locale] = useLocale();
  return useCallback(
    (schema: ZodType): Rule => ({
      validator: async (_rule, value: unknown) => {
        const v = normalizeValue(value);
        const r = schema.safeParse(v);
        if (!r.success) {
          const issue = r.error.issues[0];
          throw new Error(issue ? issueMessage(issue, v, locale) : FIELD_MESSAGES.invalid[locale]);
        }
      },
    }),
    [locale],
  );
}

/** Parses form values with a schema; on failure puts the translated messages under the fields. */
export function parseForm<T>(
  schema: ZodType<T>,
  values: Record<string, unknown>,
  form: FormInstance,
  locale: Locale,
): T | null {
  const input = normalizeValues(values);
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const byField = new Map<string, string>();
  for (const issue of r.error.issues) {
    const name = String(issue.path[0] ?? '');
    if (name && !byField.has(name)) byField.set(name, issueMessage(issue, input[name], locale));
  }
  form.setFields([...byField].map(([name, msg]) => ({ name, errors: [msg] })));
  return null;
}

/** Shows an API error's `fields` under the form's fields; returns true when some were shown. */
export function applyServerFieldErrors(form: FormInstance, error: unknown, locale: Locale = 'zh-CN'): boolean {
  if (!isApiError(error) || !error.fields) return false;
  const entries = Object.entries(error.fields);
  if (entries.length === 0) return false;
  form.setFields(
    entries.map(([path, msg]) => ({
      name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [msg in FIELD_MESSAGES ? FIELD_MESSAGES[msg as FieldMessage][locale] : msg],
    })),
  );
  return true;
}

/** Runs the form's rules; resolves to the values, or null when a field is invalid (messages are shown). */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
