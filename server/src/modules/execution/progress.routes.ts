import type { FastifyInstance } from 'fastify';
import { executionApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { EXECUTION_TAGS as tags, READ_SCOPE, STAFF_SCOPE, TEAM_SCOPE } from './execution.scopes';

const read = { permission: 'project.read', scope: READ_SCOPE, tags } as const;
const team = { permission: 'project.progress', scope: TEAM_SCOPE, tags } as const;

export function progressRoutes(app: FastifyInstance, { progress }: Services) {
  defineRoute(app, api.progress, {
    ...read,
    summary: '项目进展动态（新→旧，键集分页）',
    handler: ({ params, query, ctx }) => progress.posts(ctx, params.id, query),
  });
  defineRoute(app, api.postProgress, {
    ...team,
    summary: '发布进展（文字、照片、文档）',
    handler: ({ params, body, ctx }) => progress.post(ctx, params.id, body),
  });
  defineRoute(app, api.milestones, {
    ...read,
    summary: '项目节点',
    handler: ({ params, ctx }) => progress.milestones(ctx, params.id),
  });
  defineRoute(app, api.completeMilestone, {
    ...team,
    summary: '完成节点（须附佐证，带版本号）',
    handler: ({ params, body, ctx }) => progress.completeMilestone(ctx, params.id, params.milestoneId, body),
  });
  defineRoute(app, api.indicators, {
    ...read,
    summary: '量化指标：基数→实际→目标、完成度与历次记录',
    handler: ({ params, ctx }) => progress.indicators(ctx, params.id),
  });
  defineRoute(app, api.recordActual, {
    ...team,
    summary: '记录指标实际值',
    handler: ({ params, body, ctx }) => progress.recordActual(ctx, params.id, params.indicatorId, body),
  });
  defineRoute(app, api.setIndicatorArea, {
    permission: 'project.manage',
    scope: STAFF_SCOPE,
    tags,
    summary: '设置绑定指标的统计范围（本人辖区内的党组织，带版本号）',
    handler: ({ params, body, ctx }) => progress.setIndicatorArea(ctx, params.id, params.indicatorId, body),
  });
}
