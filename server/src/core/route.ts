import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale, Permission } from '@touyan/schemas';
import type { ResponseSpec, RouteContract } from '@touyan/schemas/contract';
import type { Actor, RequestContext } from './actor';
import { AppError } from './errors';
import { collectReferences, referencePaths, type ReferenceChecker } from './references';
import { parseInput } from './validation';
import { responseSchemas, type ResponseCheck } from './response';

/** 'public' needs no session; 'self' needs only a session; anything else is a permission. */
export type RouteAccess = 'public' | Permission;

/** What a route adds to its contract (schemas/src/contract.ts): who may call it, the docs, the handler. */
export interface RouteSpec<C extends RouteContract> {
  /** Who may call it at all. Every route declares one; a test walks the route table to check. */
  permission: RouteAccess;
  /** Which records the caller reaches, in words (shown in the API docs). */
  scope: string;
  summary: string;
  tags: string[];
  rateLimit?: { max: number; timeWindow: string };
  /**
   * false: the answer is never compressed on the fly (app.ts registers @fastify/compress for /api):
   * server-sent events (each event must reach the client at once) and stored files.
   */
  compress?: false;
  handler: (
    input: { params: Out<C['params']>; query: Out<C['query']>; body: Out<C['body']>; ctx: RequestContext },
    req: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<Reply<C['response']>>;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
/**
 * What a handler returns: the response's input shape (the serializer writes its output); a file or
 * stream handler sends the reply itself and returns nothing. `void` for an answer of `{ ok: true }`.
 */
type Reply<R extends ResponseSpec> = R extends z.ZodType
  ? z.input<R> extends { ok: true }
    ? z.input<R> | void
    : z.input<R>
  : void | FastifyReply;

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RouteAccess;
    scope?: string;
  }
  interface FastifyInstance {
    /** Resolves the ids a request body points at through the caller's read scope (core/references.ts). */
    references: ReferenceChecker;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    locale: Locale;
  }
}

const jsonSchema = (s: z.ZodType | undefined) =>
  s ? (z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>) : undefined;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Set once by buildApp: in tests every JSON answer is checked against its declared schema. */
let responseCheck: ResponseCheck | null = null;
export function checkResponses(check: ResponseCheck | null): void {
  responseCheck = check;
}

/**
 * Registers a route from its contract: validate, authorise, call the handler, serialise the answer
 * with the compiled serializer of its response schema. Keeps route files thin and uniform.
 */
export function defineRoute<C extends RouteContract>(app: FastifyInstance, contract: C, spec: RouteSpec<C>): void {
  const fullUrl = `/api${contract.url}`;
  const bodySchema = jsonSchema(contract.body);
  // Ids in the body that point at other records: resolved for the caller before the handler runs.
  const refPaths = referencePaths(bodySchema);
  const name = `${contract.method} ${fullUrl}`;
  if (refPaths.length && spec.permission === 'public') {
    throw new Error(`${name}: a public route cannot take references`);
  }
  const response = responseSchemas(contract.response);
  app.route({
    method: contract.method,
    url: fullUrl,
    ...(spec.compress === false ? { compress: false } : {}),
    config: {
      permission: spec.permission,
      scope: spec.scope,
      ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
    },
    schema: {
      summary: spec.summary,
      description: `权限 permission: ${spec.permission}；数据范围 scope: ${spec.scope}`,
      tags: spec.tags,
      ...(contract.params ? { params: jsonSchema(contract.params) } : {}),
      ...(contract.query ? { querystring: jsonSchema(contract.query) } : {}),
      ...(bodySchema ? { body: bodySchema } : {}),
      response: response.openapi,
    },
    handler: async (req, reply) => {
      const actor = req.actor;
      if (spec.permission !== 'public') {
        if (!actor) throw new AppError('UNAUTHENTICATED');
        if (MUTATING.has(contract.method) && req.headers['x-csrf-token'] !== req.csrfToken) {
          throw new AppError('CSRF_FAILED');
        }
        if (spec.permission !== 'self' && !actor.permissions.has(spec.permission)) {
          throw new AppError('FORBIDDEN');
        }
      }
      const params = contract.params ? parseInput(contract.params, req.params) : undefined;
      const query = contract.query ? parseInput(contract.query, req.query) : undefined;
      const body = contract.body ? parseInput(contract.body, req.body) : undefined;
      const ctx: RequestContext = {
        actor: actor as Actor,
        ip: req.ip ?? null,
        requestId: req.id,
        locale: req.locale,
      };
      if (refPaths.length) await app.references.check(ctx, collectReferences(body, refPaths));
      const result = await spec.handler({ params, query, body, ctx } as Parameters<typeof spec.handler>[0], req, reply);
      // A handler that sent the reply itself (a file download) returns nothing more: returning the
      // reply or a value would make Fastify send twice (FST_ERR_REP_ALREADY_SENT).
      if (reply.sent) return undefined;
      const answer = result ?? { ok: true };
      if (responseCheck && response.zod) responseCheck(name, response.zod, answer);
      return answer;
    },
  });
}
