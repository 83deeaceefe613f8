import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../core/route';
import { pingDatabase } from '../../db/database';
import type { Services } from '../../services';

export function healthRoutes(app: FastifyInstance, { store, db }: Services) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/health',
    permission: 'public',
    scope: '公开 (public)',
    tags: ['运维 ops'],
    summary: '健康检查（含数据库连通）',
    handler: async (_input, _req, reply) => {
      try {
        await pingDatabase(db);
        return { status: 'ok', db: store.dialect };
      } catch {
        reply.code(503);
        return { status: 'error', db: store.dialect };
      }
    },
  });
}
