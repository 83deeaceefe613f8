import type { FastifyInstance } from 'fastify';
import {
  idParams,
  indicatorActualBody,
  indicatorParams,
  milestoneCompleteBody,
  milestoneParams,
  progressCreateBody,
  progressListQuery,
} from '@touyan/schemas';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { EXECUTION_TAGS, READ_SCOPE, TEAM_SCOPE } from './execution.scopes';

export function progressRoutes(app: FastifyInstance, { progress }: Services) {
  const tags = EXECUTION_TAGS;
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id/progress',
    permission: 'project.read',
    scope: READ_SCOPE,
    tags,
    summary: '项目进展动态（新→旧，键集分页）',
    params: idParams,
    query: progressListQuery,
    handler: ({ params, query, ctx }) => progress.posts(ctx, params.id, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/projects/:id/progress',
    permission: 'project.progress',
    scope: TEAM_SCOPE,
    tags,
    summary: '发布进展（文字、照片、文档）',
    params: idParams,
    body: progressCreateBody,
    handler: ({ params, body, ctx }) => progress.post(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id/milestones',
    permission: 'project.read',
    scope: READ_SCOPE,
    tags,
    summary: '项目节点',
    params: idParams,
    handler: ({ params, ctx }) => progress.milestones(ctx, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/projects/:id/milestones/:milestoneId/complete',
    permission: 'project.progress',
    scope: TEAM_SCOPE,
    tags,
    summary: '完成节点（须附佐证，带版本号）',
    params: milestoneParams,
    body: milestoneCompleteBody,
    handler: ({ params, body, ctx }) => progress.completeMilestone(ctx, params.id, params.milestoneId, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id/indicators',
    permission: 'project.read',
    scope: READ_SCOPE,
    tags,
    summary: '量化指标：基数→实际→目标、完成度与历次记录',
    params: idParams,
    handler: ({ params, ctx }) => progress.indicators(ctx, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/projects/:id/indicators/:indicatorId/actuals',
    permission: 'project.progress',
    scope: TEAM_SCOPE,
    tags,
    summary: '记录指标实际值',
    params: indicatorParams,
    body: indicatorActualBody,
    handler: ({ params, body, ctx }) => progress.recordActual(ctx, params.id, params.indicatorId, body),
  });
}
