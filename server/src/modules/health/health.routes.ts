import type { FastifyInstance } from 'fastify';
import { healthApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { pingDatabase } from '../../db/database';
import type { Services } from '../../services';

export function healthRoutes(app: FastifyInstance, { store, db }: Services) {
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
}
