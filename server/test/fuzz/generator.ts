/**
 * Invalid requests for every operation of the OpenAPI document. Each case is refused by design
 * (`surelyInvalid`), so any 2xx, any 5xx and any change to stored data is a finding.
 */
import type { Rng } from '../../src/seed/random';
import { deleteAt, fieldPaths, plain, Raw, setAt, surelyInvalid, toJson, violates, type JsonSchema } from './schema';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Param {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: Method;
  /** OpenAPI path, `/api/projects/{id}` */
  path: string;
  params: Param[];
  body: JsonSchema | null;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Param[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
}

/** Every path × method under /api (the docs excepted). */
export function operations(doc: unknown): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries((doc as OpenApiDoc).paths)) {
    if (!path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
    for (const [m, op] of Object.entries(methods)) {
      ops.push({
        method: m.toUpperCase() as Method,
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema ?? null,
      });
    }
  }
  return ops;
}

/** A valid-looking request for an operation: real ids in the path, a base query and body to spoil. */
export interface Target {
  pathValues: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

export type CaseKind =
  | 'path'
  | 'query'
  | 'cursor'
  | 'body-field'
  | 'body-control'
  | 'body-missing'
  | 'body-shape'
  | 'body-empty'
  | 'deep'
  | 'huge'
  | 'invalid-json'
  | 'content-type'
  | 'too-large'
  | 'csrf'
  | 'dangling-id'
  | 'unrouted';

export interface Case {
  kind: CaseKind;
  /** What was spoiled, for the report. */
  what: string;
  method: Method;
  /** A function for the 1 MB cases: built only when sampled. */
  url: string | (() => string);
  /** Raw body text (or bytes) and its content type; absent: no body. */
  payload?: string | Buffer | (() => string);
  contentType?: string;
  /** Send without the CSRF header although the session is sent. */
  noCsrf?: boolean;
  /** The answer this kind of case must get whoever asks (checked before any route runs). */
  expect?: { status: number; code: string };
}

const MB = 1_000_000;
/** The id pattern (idSchema); a well-formed id of no record. */
const ID_PATTERN = '^[0-9A-Za-z_-]+$';
const GHOST_ID = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
const nest = (n: number) => new Raw(`${'['.repeat(n)}${']'.repeat(n)}`);

/** Strings no text field may hold. */
export const CONTROL_STRINGS = [
  'a\u0000b',
  '\u0000',
  '\u0001',
  'red\u001b[31m',
  'del\u007f',
  'nel\u0085',
  'lone\ud800',
  '\udfff',
  'cr\ronly',
  '\u000b\u000c',
];

/** Values to try in place of a value of `s`; only those `s` surely refuses are kept by the caller. */
function candidates(s: JsonSchema): unknown[] {
  const out: unknown[] = [12345, -1, 1.5, 0, true, false, null, '', 'abc', 'zz_not_a_code', [], [1, 2], {}, { a: 1 }];
  out.push(new Raw('1e400'), new Raw('-1e400'), new Raw('9007199254740993'));
  if (s.maxLength !== undefined) out.push('x'.repeat(s.maxLength + 1), '长'.repeat(s.maxLength + 1));
  if (s.minLength !== undefined && s.minLength > 1) out.push('x'.repeat(s.minLength - 1));
  if (s.minimum !== undefined) out.push(s.minimum - 1, String(s.minimum - 1));
  if (s.maximum !== undefined) out.push(s.maximum + 1, s.maximum + 0.5);
  if (typeof s.exclusiveMinimum === 'number') out.push(s.exclusiveMinimum);
  if (s.maxItems !== undefined) out.push(Array.from({ length: s.maxItems + 1 }, () => null));
  if (s.pattern) out.push('../../../../etc/passwd', "1' OR '1'='1", '项目项目项目项目项目项目', 'a'.repeat(41));
  if (s.enum) out.push(`${String(s.enum[0])}_x`, String(s.enum[0]).toUpperCase() + 'Z');
  return out;
}

/** Raw URL segments to put in place of a path parameter. */
const PATH_SEGMENTS = [
  'abc',
  '%E9%A1%B9%E7%9B%AE'.repeat(6),
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '..',
  '%00abcdefghijkl',
  'abcdefghijkl%00',
  'a'.repeat(41),
  'a'.repeat(101),
  'a'.repeat(5000),
  '%E0%A4%A',
  '%ED%A0%80abcdefghij',
  '%C0%AE%C0%AE%C0%AE%C0%AE%C0%AE%C0%AE',
  "1'%20OR%20'1'%3D'1",
  '%F0%9F%98%80'.repeat(10),
  '-1',
  '%20'.repeat(12),
  'abcdefghijkl%0A',
  'abcdefghijkl%1B',
  'abcdefghijkl%C2%85',
  '%25%32%65%25%32%65%25%32%66abcdefghij',
];

/** Raw query values (already URL-encoded) to put in place of a query parameter. */
function queryCandidates(p: Param): string[] {
  const s = p.schema;
  const out = [
    'abc',
    '',
    '-1',
    '1.5',
    '99999999999999999999',
    'zz',
    '%00',
    'a%00b',
    '%1B',
    '%7F',
    '%C2%85',
    '%ED%A0%80',
    '%E0%A4%A',
  ];
  if (s.maxLength !== undefined) out.push('x'.repeat(s.maxLength + 1));
  if (s.minimum !== undefined) out.push(String(s.minimum - 1));
  if (s.maximum !== undefined) out.push(String(s.maximum + 1));
  if (p.name === 'cursor') {
    out.push(
      'zzz',
      'abc|',
      '|abcdefghijkl',
      "'%20OR%201%3D1%20--",
      '..%2F..%2Fetc',
      'x'.repeat(201),
      'NaN|01JAAAAAAAAAAAAAAAAAAAAAAA',
      '0x10',
    );
  }
  return out;
}

/** The value a path parameter gets (null: not valid UTF-8 once decoded, which the router refuses). */
function decodedPath(v: string): string | null {
  try {
    return decodeURIComponent(v);
  } catch {
    return null;
  }
}

/** The value a query parameter gets (the query parser keeps a value it cannot decode as it is). */
function decodedQuery(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}

function fillPath(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? GHOST_ID);
}

function queryString(q: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) for (const x of ([] as string[]).concat(v)) parts.push(`${k}=${x}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const enc = (q: Record<string, string>) =>
  Object.fromEntries(Object.entries(q).map(([k, v]) => [k, encodeURIComponent(v)]));

/**
 * Every invalid case for one operation (the caller samples from them). Real ids stay in the path
 * whenever something else is spoiled, so those requests reach the service's doorstep.
 */
export function casesFor(op: Operation, target: Target, rng: Rng): Case[] {
  const out: Case[] = [];
  const hasBody = op.method !== 'GET';
  const baseQuery = enc(target.query);
  const url = (values = target.pathValues, query: Record<string, string | string[]> = baseQuery) =>
    fillPath(op, values) + queryString(query);
  const json = (body: unknown) => ({ payload: toJson(body), contentType: 'application/json' });
  const baseBody = op.body ? (target.body ?? {}) : undefined;

  // Path parameters: one spoiled at a time, the others real.
  for (const p of op.params.filter((x) => x.in === 'path')) {
    for (const seg of PATH_SEGMENTS) {
      const value = decodedPath(seg);
      if (value !== null && !surelyInvalid(p.schema, value)) continue;
      out.push({
        kind: 'path',
        what: `${p.name}=${seg.slice(0, 40)}`,
        method: op.method,
        url: url({ ...target.pathValues, [p.name]: seg }),
        ...(baseBody !== undefined ? json(baseBody) : {}),
      });
    }
  }

  // Query parameters: one spoiled at a time (also as a repeated key), with an unknown one beside it.
  for (const p of op.params.filter((x) => x.in === 'query')) {
    for (const raw of queryCandidates(p)) {
      if (!surelyInvalid(p.schema, decodedQuery(raw))) continue;
      const extra: Record<string, string> = rng.chance(0.3) ? { zz_unknown: 'x' } : {};
      out.push({
        kind: p.name === 'cursor' ? 'cursor' : 'query',
        what: `?${p.name}=${raw.slice(0, 40)}`,
        method: op.method,
        url: url(target.pathValues, { ...baseQuery, ...extra, [p.name]: raw }),
        ...(baseBody !== undefined ? json(baseBody) : {}),
      });
    }
    // 1 MB: past any maxLength, and not a number; a plain string without a limit gets a NUL at the end.
    const types = typesOf(p.schema);
    const limited = p.schema.maxLength !== undefined || p.schema.enum || p.schema.pattern || !types.includes('string');
    out.push({
      kind: 'huge',
      what: `?${p.name}=1 MB`,
      method: op.method,
      url: () =>
        url(target.pathValues, { ...baseQuery, [p.name]: limited ? 'x'.repeat(MB) : `${'x'.repeat(MB - 1)}%00` }),
      ...(baseBody !== undefined ? json(baseBody) : {}),
    });
    if (surelyInvalid(p.schema, ['1', '2'])) {
      out.push({
        kind: 'query',
        what: `?${p.name} repeated`,
        method: op.method,
        url: url(target.pathValues, { ...baseQuery, [p.name]: ['1', '2'] }),
        ...(baseBody !== undefined ? json(baseBody) : {}),
      });
    }
  }

  if (!hasBody) return out;

  // Bodies Fastify refuses before any route runs (every write, with or without a body schema).
  const anyBody = toJson(baseBody ?? { a: 1 });
  for (const type of [
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    ';;;',
  ]) {
    out.push({
      kind: 'content-type',
      what: type,
      method: op.method,
      url: url(),
      payload: type.startsWith('application/x-www') ? 'a=1&b=2' : anyBody,
      contentType: type,
      expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
  }
  out.push({
    kind: 'content-type',
    what: 'no content type',
    method: op.method,
    url: url(),
    payload: anyBody,
    expect: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  });
  for (const text of [
    '{"a":',
    "{'a':1}",
    '[1,2',
    'nul',
    '\u0000',
    '{"a":1}}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
  ]) {
    out.push({
      kind: 'invalid-json',
      what: JSON.stringify(text).slice(0, 40),
      method: op.method,
      url: url(),
      payload: text,
      contentType: 'application/json',
      expect: { status: 400, code: 'INVALID_JSON' },
    });
  }
  out.push({
    kind: 'invalid-json',
    what: 'empty JSON body',
    method: op.method,
    url: url(),
    payload: '',
    contentType: 'application/json',
    expect: { status: 400, code: 'INVALID_JSON' },
  });
  out.push({
    kind: 'too-large',
    what: '1.1 MB body',
    method: op.method,
    url: url(),
    payload: JSON.stringify({ a: 'x'.repeat(1_100_000) }),
    contentType: 'application/json',
    expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  });
  // Without the CSRF header (a body no route accepts, so a public route refuses it too).
  out.push({
    kind: 'csrf',
    what: 'no CSRF header',
    method: op.method,
    url: url(),
    noCsrf: true,
    ...json({ 'k\u0000': 1 }),
  });

  if (!op.body) return out;
  const schema = op.body;
  const push = (kind: CaseKind, what: string, body: unknown) => {
    if (!surelyInvalid(schema, plain(body))) return;
    out.push({ kind, what, method: op.method, url: url(), ...json(body) });
  };

  // The whole body.
  for (const body of [[], 'text', 123, true, null, nest(10_000), [[[[[]]]]], {}]) {
    const effective = body === null ? {} : body; // parseInput reads a missing (null) body as {}
    if (!surelyInvalid(schema, plain(effective))) continue;
    out.push({
      kind: body instanceof Raw ? 'deep' : 'body-shape',
      what: body instanceof Raw ? '10 000 nested arrays' : `body ${toJson(body).slice(0, 20)}`,
      method: op.method,
      url: url(),
      ...json(body),
    });
  }
  if (surelyInvalid(schema, {})) {
    out.push({ kind: 'body-empty', what: 'no body', method: op.method, url: url() });
  }
  push('body-control', 'NUL in an unknown key', { ...(baseBody as object), 'k\u0000': 1 });
  push('body-control', 'control text in an unknown field', { ...(baseBody as object), zz_unknown: '\u0000' });

  // One field at a time: missing, a wrong value, control text, 1 MB, deep nesting.
  for (const { path, schema: field } of fieldPaths(schema)) {
    const name = path.join('.');
    if (schema.required?.includes(String(path[0])) && path.length === 1)
      push('body-missing', `${name} missing`, deleteAt(baseBody, path));
    for (const v of candidates(field)) {
      if (!violates(field, plain(v))) continue;
      const extra = rng.chance(0.2) ? { zz_unknown: 'x', über: [1] } : {};
      const mutated = setAt(baseBody, path, v);
      push('body-field', `${name}=${toJson(v).slice(0, 30)}`, { ...(mutated as object), ...extra });
    }
    for (const s of CONTROL_STRINGS) push('body-control', `${name}=${JSON.stringify(s)}`, setAt(baseBody, path, s));
    // 1 MB: past any maxLength, of the wrong type, or (a string without a limit) ending in NUL.
    const types = typesOf(field);
    const limited =
      field.maxLength !== undefined || field.enum || field.pattern || (types.length > 0 && !types.includes('string'));
    if (limited || types.includes('string')) {
      out.push({
        kind: 'huge',
        what: `${name}=1 MB`,
        method: op.method,
        url: url(),
        payload: () => toJson(setAt(baseBody, path, limited ? 'x'.repeat(MB) : `${'x'.repeat(MB - 1)}\u0000`)),
        contentType: 'application/json',
      });
    }
    push('deep', `${name}=10 000 nested arrays`, setAt(baseBody, path, nest(10_000)));
  }
  // Well-formed ids of records that do not exist, in an otherwise valid body: refused (404/400),
  // never a foreign-key failure (500) nor a write pointing at nothing.
  for (const { path, schema: field } of fieldPaths(schema)) {
    if (field.pattern !== ID_PATTERN && field.items?.pattern !== ID_PATTERN) continue;
    const ghost = field.items ? [GHOST_ID] : GHOST_ID;
    out.push({
      kind: 'dangling-id',
      what: `${path.join('.')} → nothing`,
      method: op.method,
      url: url(),
      ...json(setAt(baseBody, path, ghost)),
    });
  }
  return out;
}

/** URLs no route matches (or matches only with a method it does not serve): a JSON 404 or 400. */
export function unroutedCases(): Case[] {
  const urls = [
    '/api/%00',
    '/api/projects%00',
    '/api/projects/%00/versions/%00',
    '/api/%E0%A4%A',
    '/api/..%2F..%2Fetc%2Fpasswd',
    '/api/../../etc/passwd',
    `/api/${'a'.repeat(10_000)}`,
    '/%00',
    '/api/host-orgs/%C0%AE%C0%AE/x',
    '/api/health/%1B[31m',
  ];
  const out: Case[] = urls.map((url) => ({ kind: 'unrouted', what: url.slice(0, 40), method: 'GET', url }));
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    out.push({
      kind: 'unrouted',
      what: `${method} /api/health`,
      method,
      url: '/api/health',
      payload: '{}',
      contentType: 'application/json',
    });
    out.push({
      kind: 'unrouted',
      what: `${method} /api/%00`,
      method,
      url: '/api/%00',
      payload: '{"a":"\u0000"}',
      contentType: 'application/json',
    });
  }
  return out;
}

const typesOf = (s: JsonSchema): string[] => (s.type === undefined ? [] : ([] as string[]).concat(s.type));
