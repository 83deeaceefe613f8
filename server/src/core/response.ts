import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import { z } from 'zod';
import type { ResponseSpec } from '@touyan/schemas/contract';

type JsonSchema = Record<string, unknown>;

/**
 * Zod writes `T | null` as `anyOf: [T, {type: null}]`; the compiled serializer would then test each
 * branch at run time. A nullable primitive or object becomes `type: [T, "null"]`, which it writes
 * directly. Applied through the whole schema.
 */
export function normalizeSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeSchema);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) if (k !== '$schema') out[k] = normalizeSchema(v);
  const anyOf = out.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullIdx = anyOf.findIndex((s) => s.type === 'null' && Object.keys(s).length === 1);
    const other = anyOf[1 - nullIdx];
    if (nullIdx >= 0 && other && typeof other.type === 'string' && !('anyOf' in other) && !('$ref' in other)) {
      delete out.anyOf;
      return { ...out, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}

/** The JSON Schema of a response as the serializer and the OpenAPI document read it. */
export const responseJsonSchema = (schema: z.ZodType): JsonSchema =>
  normalizeSchema(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })) as JsonSchema;

export interface ResponseSchemas {
  /** Fastify's `schema.response`: compiled into the route's serializer, shown in the OpenAPI document. */
  openapi: Record<string, unknown>;
  /** The Zod schema a JSON answer is checked against in tests; null for a file or stream. */
  zod: z.ZodType | null;
}

export function responseSchemas(spec: ResponseSpec): ResponseSchemas {
  if ('raw' in spec) {
    return {
      openapi: {
        '2xx': {
          description: `文件或事件流 file or stream (${spec.raw})`,
          content: { [spec.raw]: { schema: { type: 'string', format: 'binary' } } },
        },
      },
      zod: null,
    };
  }
  const schema = spec as z.ZodType;
  return { openapi: { '2xx': responseJsonSchema(schema) }, zod: schema };
}

export type ResponseCheck = (route: string, schema: z.ZodType, value: unknown) => void;

/** The first place where two JSON values differ, as a path (for the failure message). */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as JsonSchema)[k], (b as JsonSchema)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: sent ${JSON.stringify(a)?.slice(0, 80)}, returned ${JSON.stringify(b)?.slice(0, 80)}`;
}

/**
 * The check used in tests: an answer must satisfy its schema, and the compiled serializer must
 * write exactly what the handler returned (no field dropped because the schema forgot it, no value
 * coerced). A mismatch throws: the request answers 500 and the suite fails on the logged error.
 */
export function strictResponseCheck(): ResponseCheck {
  const serializers = new WeakMap<z.ZodType, (v: unknown) => string>();
  return (route, schema, value) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '$'}: ${i.message}`);
      throw new Error(`${route}: the answer does not match its response schema — ${issues.join('; ')}`);
    }
    let serialize = serializers.get(schema);
    if (!serialize) {
      serialize = fastJson(responseJsonSchema(schema) as unknown as Parameters<typeof fastJson>[0]) as (
        v: unknown,
      ) => string;
      serializers.set(schema, serialize);
    }
    const sent = JSON.parse(serialize(value)) as unknown;
    const returned = JSON.parse(JSON.stringify(value)) as unknown;
    const diff = firstDifference(sent, returned);
    if (diff) throw new Error(`${route}: the response schema does not describe the answer — ${diff}`);
  };
}
