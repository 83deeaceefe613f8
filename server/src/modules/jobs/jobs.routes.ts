import type { FastifyInstance } from 'fastify';
import { jobsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const SCOPE = '仅系统管理员（后台任务不属于任何组织，全局可见）';

export function jobsRoutes(app: FastifyInstance, { jobsAdmin }: Services) {
  defineRoute(app, api.list, {
    permission: 'job.admin',
    tags: ['后台任务 jobs'],
    scope: SCOPE,
    summary: '后台任务列表（按状态，默认已失败）',
    handler: ({ query, ctx }) => jobsAdmin.list(ctx, query),
  });
  defineRoute(app, api.retry, {
    permission: 'job.admin',
    tags: ['后台任务 jobs'],
    scope: SCOPE,
    summary: '重试已失败的后台任务（记入审计日志）',
    handler: ({ params, ctx }) => jobsAdmin.retry(ctx, params.id),
  });
}
