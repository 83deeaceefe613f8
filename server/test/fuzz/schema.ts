/**
 * Just enough JSON Schema (the OpenAPI document's dialect) for the fuzzer to know that a value is
 * refused: `surelyInvalid` answers true only when the value is certainly invalid, so every request
 * the fuzzer sends must be refused — a 2xx is a finding, never the fuzzer's own doubt.
 */

export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** JSON text spliced into a body as is (numbers JSON.stringify cannot write, 10 000 nested arrays). */
export class Raw {
  readonly value: unknown;
  constructor(readonly text: string) {
    this.value = JSON.parse(text);
  }
}

/** The rule under test, written independently of the server: control characters and lone surrogates. */
const BAD_TEXT =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Deeper than any request of ours may nest (the server refuses beyond 32). */
const TOO_DEEP = 40;

export const badText = (s: string) => BAD_TEXT.test(s);

/** Bad text anywhere (values or keys), or nesting deeper than any request may; iterative. */
export function universallyInvalid(value: unknown): boolean {
  const stack: [unknown, number][] = [[value instanceof Raw ? value.value : value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (badText(v)) return true;
    } else if (v && typeof v === 'object') {
      if (depth >= TOO_DEEP) return true;
      if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1]);
      else
        for (const [k, x] of Object.entries(v)) {
          if (badText(k)) return true;
          stack.push([x instanceof Raw ? x.value : x, depth + 1]);
        }
    }
  }
  return false;
}

const typesOf = (s: JsonSchema): string[] | null => (s.type === undefined ? null : ([] as string[]).concat(s.type));

/** What Zod's z.coerce.number() makes of a value (Number(v)); plain numbers pass through. */
function asNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return NaN;
  return Number(v as string);
}

function numberViolates(s: JsonSchema, n: number, integer: boolean): boolean {
  if (!Number.isFinite(n)) return true;
  if (integer && !Number.isSafeInteger(n)) return true;
  if (s.minimum !== undefined && n < s.minimum) return true;
  if (s.maximum !== undefined && n > s.maximum) return true;
  if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum) return true;
  if (typeof s.exclusiveMaximum === 'number' && n >= s.exclusiveMaximum) return true;
  return false;
}

/**
 * True when the schema certainly refuses the value. Numbers are judged as Zod's coerce would read
 * them (several body fields coerce), so `true` or `"12"` for a number is never taken as invalid.
 */
export function violates(s: JsonSchema | undefined, raw: unknown): boolean {
  if (!s || typeof s !== 'object') return false;
  const v = raw instanceof Raw ? raw.value : raw;
  if (s.allOf?.some((b) => violates(b, v))) return true;
  const union = s.oneOf ?? s.anyOf;
  if (union) return union.every((b) => violates(b, v));
  const types = typesOf(s);
  if (v === null) {
    if (s.nullable || types?.includes('null')) return false;
    if (!types) return false;
    // A coercing number field reads null as 0.
    if (types.includes('number') || types.includes('integer')) return numberViolates(s, 0, types.includes('integer'));
    return true;
  }
  if (s.enum && !s.enum.includes(v)) return true;
  if (s.const !== undefined && s.const !== v) return true;
  if (!types) return false;
  if (typeof v === 'string' && types.includes('string')) {
    const length = [...v].length;
    if (s.minLength !== undefined && length < s.minLength) return true;
    if (s.maxLength !== undefined && length > s.maxLength) return true;
    // Zod may trim or change the case before its regex (JSON Schema cannot say): count a pattern
    // as broken only when every such reading of the value breaks it.
    if (s.pattern) {
      const re = new RegExp(s.pattern);
      const readings = [v, v.trim(), v.toUpperCase(), v.toLowerCase(), v.trim().toUpperCase(), v.trim().toLowerCase()];
      if (readings.every((x) => !re.test(x))) return true;
    }
    return false;
  }
  if (typeof v === 'boolean' && types.includes('boolean')) return false;
  if (Array.isArray(v) && types.includes('array')) {
    if (s.minItems !== undefined && v.length < s.minItems) return true;
    if (s.maxItems !== undefined && v.length > s.maxItems) return true;
    return v.some((x) => violates(s.items, x));
  }
  if (typeof v === 'object' && !Array.isArray(v) && types.includes('object')) {
    const o = v as Record<string, unknown>;
    if (s.required?.some((k) => o[k] === undefined)) return true;
    for (const [k, x] of Object.entries(o)) {
      const p = s.properties?.[k];
      if (p) {
        if (violates(p, x)) return true;
        continue;
      }
      if (s.propertyNames && violates(s.propertyNames, k)) return true;
      if (s.additionalProperties === false) return true;
      if (typeof s.additionalProperties === 'object' && violates(s.additionalProperties, x)) return true;
    }
    return false;
  }
  if (types.includes('number') || types.includes('integer')) {
    return numberViolates(s, asNumber(v), types.includes('integer'));
  }
  return true;
}

export const surelyInvalid = (s: JsonSchema | undefined, v: unknown) => universallyInvalid(v) || violates(s, v);

/** The fields of a body schema worth mutating, as paths (array items as index 0), to a bounded depth. */
export function fieldPaths(
  s: JsonSchema,
  depth = 4,
  path: (string | number)[] = [],
): { path: (string | number)[]; schema: JsonSchema }[] {
  const out: { path: (string | number)[]; schema: JsonSchema }[] = [];
  if (path.length) out.push({ path, schema: s });
  if (depth === 0 || s.oneOf || s.anyOf) return out;
  for (const [k, p] of Object.entries(s.properties ?? {})) out.push(...fieldPaths(p, depth - 1, [...path, k]));
  if (s.items) out.push(...fieldPaths(s.items, depth - 1, [...path, 0]));
  if (typeof s.additionalProperties === 'object')
    out.push(...fieldPaths(s.additionalProperties, depth - 1, [...path, 'k1']));
  return out;
}

/** A copy of `base` with the value at `path` replaced (containers made on the way as the path says). */
export function setAt(base: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const arr = Array.isArray(base) ? [...(base as unknown[])] : [];
    arr[head] = setAt(arr[head], rest, value);
    return arr;
  }
  const obj = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  obj[head!] = setAt(obj[head!], rest, value);
  return obj;
}

/** A copy of `base` without the field at `path`. */
export function deleteAt(base: unknown, path: readonly (string | number)[]): unknown {
  if (!base || typeof base !== 'object' || !path.length) return base;
  const [head, ...rest] = path;
  if (Array.isArray(base)) {
    const arr = [...base];
    if (typeof head === 'number') arr[head] = rest.length ? deleteAt(arr[head], rest) : undefined;
    return arr;
  }
  const obj = { ...(base as Record<string, unknown>) };
  if (rest.length) obj[head!] = deleteAt(obj[head!], rest);
  else delete obj[head!];
  return obj;
}

/** JSON text of a body that may hold Raw pieces. */
export function toJson(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : toJson(x))).join(',')}]`;
  if (v && typeof v === 'object') {
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v)) if (x !== undefined) parts.push(`${JSON.stringify(k)}:${toJson(x)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The parsed value of a body that may hold Raw pieces (what the server will see). */
export function plain(v: unknown): unknown {
  if (v instanceof Raw) return v.value;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
