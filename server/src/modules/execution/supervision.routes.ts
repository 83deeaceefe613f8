import type { FastifyInstance } from 'fastify';
import { idParams, supervisionAnswerBody, supervisionCloseBody, supervisionCreateBody } from '@touyan/schemas';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { EXECUTION_TAGS, READ_SCOPE, SECRETARY_SCOPE, STAFF_SCOPE } from './execution.scopes';

export function supervisionRoutes(app: FastifyInstance, { supervision }: Services) {
  const tags = EXECUTION_TAGS;
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id/supervision-notices',
    permission: 'project.read',
    scope: READ_SCOPE,
    tags,
    summary: '项目督办通知',
    params: idParams,
    handler: ({ params, ctx }) => supervision.list(ctx, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/projects/:id/supervision-notices',
    permission: 'project.manage',
    scope: STAFF_SCOPE,
    tags,
    summary: '下发督办通知（通知项目书记）',
    params: idParams,
    body: supervisionCreateBody,
    handler: ({ params, body, ctx }) => supervision.issue(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/supervision-notices/:id/answer',
    permission: 'project.declare',
    scope: SECRETARY_SCOPE,
    tags,
    summary: '答复督办（带版本号，通知下发人）',
    params: idParams,
    body: supervisionAnswerBody,
    handler: ({ params, body, ctx }) => supervision.answer(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/supervision-notices/:id/close',
    permission: 'project.manage',
    scope: STAFF_SCOPE,
    tags,
    summary: '办结督办（带版本号）',
    params: idParams,
    body: supervisionCloseBody,
    handler: ({ params, body, ctx }) => supervision.close(ctx, params.id, body),
  });
}
