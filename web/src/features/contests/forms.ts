import type { FormInstance } from 'antd';
import type { ZodType } from 'zod';
import type { Locale } from '@touyan/schemas';
import { issueMessage } from '../../components/forms';

type Path = (string | number)[];

/** Empty inputs anywhere in plain objects and arrays become undefined, so Zod's "required" wording applies. */
export function deepNormalize(v: unknown): unknown {
  if (v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.map(deepNormalize);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, deepNormalize(x)]));
  }
  return v;
}

function valueAt(v: unknown, path: Path): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/**
 * Parses form values with the shared schema; on failure puts the translated messages under the
 * fields. Fields under `deep` (e.g. the rubric's criteria, a Form.List) get their message at the
 * full path (`rubric.criteria.2.name`), the way the server reports them; others at the top field.
 */
export function parseDeep<T>(
  schema: ZodType<T>,
  values: Record<string, unknown>,
  form: FormInstance,
  locale: Locale,
  deep: readonly string[] = ['rubric'],
): T | null {
  const input = deepNormalize(values);
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const byPath = new Map<string, { name: Path; errors: string[] }>();
  for (const issue of r.error.issues) {
    const full = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (full.length === 0) continue;
    const name = deep.includes(String(full[0])) ? full : full.slice(0, 1);
    const key = name.join('.');
    if (!byPath.has(key)) byPath.set(key, { name, errors: [issueMessage(issue, valueAt(input, full), locale)] });
  }
  form.setFields([...byPath.values()]);
  return null;
}
