import type { FastifyInstance } from 'fastify';
import { executionApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { EXECUTION_TAGS as tags, READ_SCOPE, SECRETARY_SCOPE, STAFF_SCOPE } from './execution.scopes';

const staff = { permission: 'project.manage', scope: STAFF_SCOPE, tags } as const;

export function supervisionRoutes(app: FastifyInstance, { supervision }: Services) {
  defineRoute(app, api.notices, {
    permission: 'project.read',
    scope: READ_SCOPE,
    tags,
    summary: '项目督办通知',
    handler: ({ params, ctx }) => supervision.list(ctx, params.id),
  });
  defineRoute(app, api.issueNotice, {
    ...staff,
    summary: '下发督办通知（通知项目书记）',
    handler: ({ params, body, ctx }) => supervision.issue(ctx, params.id, body),
  });
  defineRoute(app, api.answerNotice, {
    permission: 'project.declare',
    scope: SECRETARY_SCOPE,
    tags,
    summary: '答复督办（带版本号，通知下发人）',
    handler: ({ params, body, ctx }) => supervision.answer(ctx, params.id, body),
  });
  defineRoute(app, api.closeNotice, {
    ...staff,
    summary: '办结督办（带版本号）',
    handler: ({ params, body, ctx }) => supervision.close(ctx, params.id, body),
  });
}
