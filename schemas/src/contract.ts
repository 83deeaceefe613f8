import { z } from 'zod';

/**
 * The API contract: each route's method, path, inputs and response, declared once here and used by
 * both sides. The server registers a route from its contract (core/route.ts: validation, OpenAPI,
 * the compiled response serializer, and a response check in tests); the web client is typed by
 * method + path from the same declarations (web/src/api/client.ts), without bundling Zod.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A response that is not JSON: a file download or a server-sent event stream. */
export interface RawResponse {
  readonly raw: string;
}
/** A file (Excel, PDF, an attachment …) or an event stream, described by its content type. */
export const rawResponse = (contentType: string): RawResponse => ({ raw: contentType });

/** An Excel workbook download (the exports of projects, review minutes, contests and assessments). */
export const xlsxResponse = rawResponse('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

export type ResponseSpec = z.ZodType | RawResponse;

export interface RouteContract {
  readonly method: HttpMethod;
  /** The path below /api, with :name parameters. */
  readonly url: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The 200 response (201 for a create that says so in the route). */
  readonly response: ResponseSpec;
}

/** Declares one route of the contract; the literal method and path are kept in the type. */
export function route<
  const M extends HttpMethod,
  const U extends string,
  const S extends Omit<RouteContract, 'method' | 'url'>,
>(method: M, url: U, spec: S): { method: M; url: U } & S {
  return { method, url, ...spec };
}

/** The answer of a write that returns nothing else. */
export const okResponse = z.object({ ok: z.literal(true) });

/** A page of a keyset-paged list. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });

/** A whole list (not paged): `{ items }`. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

// ——— Types derived from a set of contracts (used by the web client; type-only, no runtime) ———

type Routes = Record<string, RouteContract>;

/** All routes of a group of modules, keyed `METHOD /path`. */
export type RouteMap<G extends Record<string, Routes>> = {
  [R in { [K in keyof G]: G[K][keyof G[K]] }[keyof G] as `${R['method']} ${R['url']}`]: R;
};

/** ':id' parameters of a path → their names. */
export type ParamNames<U extends string> = U extends `${string}:${infer P}/${infer Rest}`
  ? P | ParamNames<`/${Rest}`>
  : U extends `${string}:${infer P}`
    ? P
    : never;

type Input<S> = S extends z.ZodType ? z.input<S> : never;
export type ResponseOf<R extends RouteContract> = R['response'] extends z.ZodType ? z.output<R['response']> : Blob;
export type QueryOf<R extends RouteContract> = R['query'] extends z.ZodType ? Input<R['query']> : never;
export type BodyOf<R extends RouteContract> = R['body'] extends z.ZodType ? Input<R['body']> : never;
