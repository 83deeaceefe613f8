import type { FastifyInstance } from 'fastify';
import { auditApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

export function auditRoutes(app: FastifyInstance, { audit }: Services) {
  defineRoute(app, api.list, {
    permission: 'audit.read',
    tags: ['审计日志 audit'],
    scope: '管理员全部；社工部工作人员为其绑定党组织及其下级的记录',
    summary: '审计日志',
    handler: ({ query, ctx }) => audit.list(ctx, query),
  });
}
