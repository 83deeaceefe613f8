import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { healthApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { pingDatabase } from '../../db/database';
import type { Services } from '../../services';
import { appMetrics, isLoopback } from './health.metrics';

export interface OpsOptions {
  /** PostgreSQL's pool, for the metrics. */
  pool?: pg.Pool;
  /** True once the process is shutting down: /api/ready answers 503 so the proxy stops sending. */
  shuttingDown: () => boolean;
  /** GET /api/metrics needs `Authorization: Bearer <token>`; null: loopback clients only. */
  metricsToken: string | null;
}

export function healthRoutes(
  app: FastifyInstance,
  { store, db, attachments, jobs, contests }: Services,
  ops: OpsOptions = { shuttingDown: () => false, metricsToken: null },
) {
  defineRoute(app, api.health, {
    permission: 'public',
    scope: '公开 (public)',
    tags: ['运维 ops'],
    summary: '健康检查（含数据库连通）',
    handler: async (_input, _req, reply) => {
      try {
        await pingDatabase(db);
        return { status: 'ok' as const, db: store.dialect };
      } catch {
        reply.code(503);
        return { status: 'error' as const, db: store.dialect };
      }
    },
  });

  const check = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      return 'ok' as const;
    } catch {
      return 'error' as const;
    }
  };
  defineRoute(app, api.ready, {
    permission: 'public',
    scope: '公开 (public)',
    tags: ['运维 ops'],
    summary: '就绪检查（数据库、文件存储、任务队列；停机中为 503）',
    handler: async (_input, _req, reply) => {
      const [dbState, storage, queue] = await Promise.all([
        check(() => pingDatabase(db)),
        check(() => attachments.storage.backend.ping()),
        check(() => jobs.list({ state: 'failed', limit: 1 })),
      ]);
      const shuttingDown = ops.shuttingDown();
      const ok = dbState === 'ok' && storage === 'ok' && queue === 'ok' && !shuttingDown;
      if (!ok) reply.code(503);
      return {
        status: ok ? ('ready' as const) : ('unavailable' as const),
        checks: { db: dbState, storage, queue, shuttingDown },
      };
    },
  });

  const registry = appMetrics(app, {
    pool: ops.pool,
    queueDepth: async () =>
      (await jobs.list({ state: 'created', limit: 200 })).length +
      (await jobs.list({ state: 'retry', limit: 200 })).length,
    streams: () => contests.live.streams(),
  });
  // Prometheus text format, not JSON (a raw response in the contract). Public in the route table,
  // guarded here: a bearer token (METRICS_TOKEN) or, without one, loopback clients only (a scraper on
  // the same host, or nginx's internal location). 404 otherwise, as for a route that is not there.
  defineRoute(app, api.metrics, {
    permission: 'public',
    scope: '运维：令牌或本机 (METRICS_TOKEN or loopback)',
    tags: ['运维 ops'],
    summary: 'Prometheus 指标（METRICS_TOKEN 或仅本机）',
    handler: async (_input, req, reply) => {
      const auth = req.headers.authorization;
      const allowed = ops.metricsToken ? auth === `Bearer ${ops.metricsToken}` : isLoopback(req.socket.remoteAddress);
      if (!allowed) return reply.code(404).send({ code: 'NOT_FOUND', message: '未找到', requestId: req.id });
      reply.header('cache-control', 'no-store');
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  });
}
