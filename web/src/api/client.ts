import type { ApiErrorBody } from '@touyan/schemas';
import type { ApiRoutes } from '@touyan/schemas/api';
import type { BodyOf, HttpMethod, ParamNames, QueryOf, ResponseOf, RouteContract } from '@touyan/schemas/contract';
import { ERRORS, type Locale } from '@touyan/schemas/plain';

/** An error reply of the API (or a network failure: status 0, code NETWORK). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
export const isNotFound = (e: unknown): boolean => isApiError(e) && e.status === 404;

let apiLocale: Locale = 'zh-CN';
export function setApiLocale(locale: Locale): void {
  apiLocale = locale;
}

/** The CSRF token from `Me`, used when the cookie cannot be read. */
let csrfFallback: string | null = null;
export function setCsrfFallback(token: string | null): void {
  csrfFallback = token;
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export type QueryValue = string | number | boolean | null | undefined;

export function buildQuery(params?: Record<string, QueryValue>): string {
  if (!params) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Paths whose 401 is an answer to show, not a reason to go to the log-in page. */
const NO_REDIRECT = ['/auth/login', '/auth/me', '/auth/session'];

function redirectToLogin(): void {
  if (window.location.pathname === '/login') return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(next)}`);
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': apiLocale };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie('ty_csrf') ?? csrfFallback;
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}${buildQuery(opts.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', apiLocale === 'en' ? 'Network error' : '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const body = (data ?? {}) as Partial<ApiErrorBody>;
    const err = new ApiError(
      res.status,
      body.code ?? `HTTP_${res.status}`,
      body.message ?? ERRORS.INTERNAL[apiLocale],
      body.fields,
      body.requestId,
    );
    if (res.status === 401 && !NO_REDIRECT.includes(path)) redirectToLogin();
    throw err;
  }
  return data as T;
}

// ——— Typed by route: method + path (as declared in @touyan/schemas/api) → params, query, body, answer ———

type Routes = ApiRoutes;
export type PathOf<M extends HttpMethod> = {
  [K in keyof Routes]: K extends `${M} ${infer P}` ? P : never;
}[keyof Routes];
/** Every GET path of the API. */
export type GetPath = PathOf<'GET'>;
export type RouteAt<M extends HttpMethod, P extends string> = Routes[`${M} ${P}` & keyof Routes];

/** `params` is required exactly when the path has `:name` segments. */
type ParamsOpt<P extends string> = [ParamNames<P>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<P>, string> };
type QueryOpt<R extends RouteContract> = [QueryOf<R>] extends [never] ? { query?: undefined } : { query?: QueryOf<R> };
type BodyOpt<R extends RouteContract> = [BodyOf<R>] extends [never] ? { body?: undefined } : { body: BodyOf<R> };

export type CallOptions<M extends HttpMethod, P extends PathOf<M>> = ParamsOpt<P> &
  QueryOpt<RouteAt<M, P>> &
  BodyOpt<RouteAt<M, P>> & { signal?: AbortSignal };
/** The answer of a route, e.g. `Answer<'GET', '/campaigns/:id'>`. */
export type Answer<M extends HttpMethod, P extends PathOf<M>> = ResponseOf<RouteAt<M, P>>;

/** Requires its argument only when the route needs params or a body. */
type OptsArg<M extends HttpMethod, P extends PathOf<M>> =
  Record<never, never> extends CallOptions<M, P> ? [opts?: CallOptions<M, P>] : [opts: CallOptions<M, P>];

/** Fills `:name` segments (each value URL-encoded). */
export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(v);
  });
}

function call<M extends HttpMethod, P extends PathOf<M>>(
  method: M,
  path: P,
  opts?: CallOptions<M, P>,
): Promise<Answer<M, P>> {
  const o = (opts ?? {}) as { params?: Record<string, string>; query?: object; body?: unknown; signal?: AbortSignal };
  const body = method === 'GET' || method === 'DELETE' ? o.body : (o.body ?? {});
  return request<Answer<M, P>>(method, fillPath(path, o.params), {
    query: o.query as Record<string, QueryValue> | undefined,
    body,
    signal: o.signal,
  });
}

interface TypedApi {
  get<P extends PathOf<'GET'>>(path: P, ...opts: OptsArg<'GET', P>): Promise<Answer<'GET', P>>;
  post<P extends PathOf<'POST'>>(path: P, ...opts: OptsArg<'POST', P>): Promise<Answer<'POST', P>>;
  put<P extends PathOf<'PUT'>>(path: P, ...opts: OptsArg<'PUT', P>): Promise<Answer<'PUT', P>>;
  patch<P extends PathOf<'PATCH'>>(path: P, ...opts: OptsArg<'PATCH', P>): Promise<Answer<'PATCH', P>>;
  del<P extends PathOf<'DELETE'>>(path: P, ...opts: OptsArg<'DELETE', P>): Promise<Answer<'DELETE', P>>;
}

/**
 * The API, typed by route: `api.get('/campaigns/:id', { params: { id } })` answers a CampaignView,
 * `api.post('/campaigns/:id/publish', { params: { id }, body: { version } })` checks the body.
 */
export const api = {
  get: (path, ...opts) => call('GET', path, opts[0]),
  post: (path, ...opts) => call('POST', path, opts[0]),
  put: (path, ...opts) => call('PUT', path, opts[0]),
  patch: (path, ...opts) => call('PATCH', path, opts[0]),
  del: (path, ...opts) => call('DELETE', path, opts[0]),
} satisfies TypedApi as TypedApi;

/**
 * Uploads one file (multipart `file`, after any `fields`) to an upload route, with the CSRF header the
 * JSON client adds (`csrf` when the cookie is not readable); answers the stored record, or throws the
 * server's error as an ApiError (network failures as NETWORK).
 */
export async function uploadFile<T extends { id: string }>(
  path: string,
  file: Blob,
  filename: string | undefined,
  locale: Locale,
  opts: { fields?: Record<string, string>; csrf?: string | null } = {},
): Promise<T> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(opts.fields ?? {})) fd.append(k, v);
  if (filename === undefined) fd.append('file', file);
  else fd.append('file', file, filename);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  const csrf = readCookie('ty_csrf') ?? opts.csrf;
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', body: fd, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', locale === 'en' ? 'Network error' : '网络连接失败，请检查网络后重试');
  }
  const body = (await res.json().catch(() => null)) as (T & { code?: string; message?: string }) | null;
  if (!res.ok || !body?.id)
    throw new ApiError(res.status, body?.code ?? `HTTP_${res.status}`, body?.message ?? ERRORS.INTERNAL[locale]);
  return body;
}
