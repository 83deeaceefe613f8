import type { FastifyInstance } from 'fastify';
import { instructorCreateBody, instructorListQuery } from '@touyan/schemas';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['党建工作指导员 instructors'];

export function instructorsRoutes(app: FastifyInstance, { instructors }: Services) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/instructors',
    permission: 'instructor.read',
    tags,
    scope: '选派党组织在本人绑定党组织及其下级',
    summary: '指导员名录',
    query: instructorListQuery,
    handler: ({ query, ctx }) => instructors.list(ctx, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/instructors',
    permission: 'instructor.write',
    tags,
    scope: '社工部工作人员绑定党组织及其下级',
    summary: '新增指导员',
    body: instructorCreateBody,
    handler: ({ body, ctx }) => instructors.create(ctx, body),
  });
}
