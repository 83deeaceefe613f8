import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale, Permission } from '@touyan/schemas';
import type { Actor, RequestContext } from './actor';
import { AppError } from './errors';
import { collectReferences, referencePaths, type ReferenceChecker } from './references';
import { parseInput } from './validation';

/** 'public' needs no session; 'self' needs only a session; anything else is a permission. */
export type RouteAccess = 'public' | Permission;

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** Who may call it at all. Every route declares one; a test walks the route table to check. */
  permission: RouteAccess;
  /** Which records the caller reaches, in words (shown in the API docs). */
  scope: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  rateLimit?: { max: number; timeWindow: string };
  /**
   * false: the answer is never compressed on the fly (app.ts registers @fastify/compress for /api):
   * server-sent events (each event must reach the client at once) and stored files.
   */
  compress?: false;
  handler: (
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B>; ctx: RequestContext },
    req: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<unknown>;
}

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

/** Registers a route: validate, authorise, call the handler. Keeps route files thin and uniform. */
export function defineRoute<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
>(app: FastifyInstance, spec: RouteSpec<P, Q, B>): void {
  const bodySchema = jsonSchema(spec.body);
  // Ids in the body that point at other records: resolved for the caller before the handler runs.
  const refPaths = referencePaths(bodySchema);
  if (refPaths.length && spec.permission === 'public') {
    throw new Error(`${spec.method} ${spec.url}: a public route cannot take references`);
  }
  app.route({
    method: spec.method,
    url: spec.url,
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
      ...(spec.params ? { params: jsonSchema(spec.params) } : {}),
      ...(spec.query ? { querystring: jsonSchema(spec.query) } : {}),
      ...(bodySchema ? { body: bodySchema } : {}),
    },
    handler: async (req, reply) => {
      const actor = req.actor;
      if (spec.permission !== 'public') {
        if (!actor) throw new AppError('UNAUTHENTICATED');
        if (MUTATING.has(spec.method) && req.headers['x-csrf-token'] !== req.csrfToken) {
          throw new AppError('CSRF_FAILED');
        }
        if (spec.permission !== 'self' && !actor.permissions.has(spec.permission)) {
          throw new AppError('FORBIDDEN');
        }
      }
      const params = spec.params ? parseInput(spec.params, req.params) : undefined;
      const query = spec.query ? parseInput(spec.query, req.query) : undefined;
      const body = spec.body ? parseInput(spec.body, req.body) : undefined;
      const ctx: RequestContext = {
        actor: actor as Actor,
        ip: req.ip ?? null,
        requestId: req.id,
        locale: req.locale,
      };
      if (refPaths.length) await app.references.check(ctx, collectReferences(body, refPaths));
      const result = await spec.handler(
        { params: params as z.output<P>, query: query as z.output<Q>, body: body as z.output<B>, ctx },
        req,
        reply,
      );
      // A handler that sent the reply itself (a file download) returns nothing more: returning the
      // reply or a value would make Fastify send twice (FST_ERR_REP_ALREADY_SENT).
      if (reply.sent) return undefined;
      return result ?? { ok: true };
    },
  });
}
