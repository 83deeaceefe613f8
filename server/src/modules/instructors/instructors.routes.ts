import type { FastifyInstance } from 'fastify';
import { instructorsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['党建工作指导员 instructors'];

export function instructorsRoutes(app: FastifyInstance, { instructors }: Services) {
  defineRoute(app, api.list, {
    permission: 'instructor.read',
    tags,
    scope: '选派党组织在本人绑定党组织及其下级',
    summary: '指导员名录',
    handler: ({ query, ctx }) => instructors.list(ctx, query),
  });
  defineRoute(app, api.create, {
    permission: 'instructor.write',
    tags,
    scope: '社工部工作人员绑定党组织及其下级',
    summary: '新增指导员',
    handler: ({ body, ctx }) => instructors.create(ctx, body),
  });
}
