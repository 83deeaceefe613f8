import type { FastifyInstance } from 'fastify';
import { executionApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { EXECUTION_TAGS as tags, READ_SCOPE, SECRETARY_SCOPE, STAFF_SCOPE } from './execution.scopes';

const staff = { permission: 'project.manage', scope: STAFF_SCOPE, tags } as const;

export function reportsRoutes(app: FastifyInstance, { quarterlyReports }: Services) {
  defineRoute(app, api.reports, {
    permission: 'project.read',
    scope: READ_SCOPE,
    tags,
    summary: '项目各季度报告（应报日期、逾期、评定）',
    handler: ({ params, ctx }) => quarterlyReports.list(ctx, params.id),
  });
  defineRoute(app, api.fileReport, {
    permission: 'project.declare',
    scope: SECRETARY_SCOPE,
    tags,
    summary: '报送季度报告（季度最后一个月起可报；逾期仍可补报并保留逾期记录）',
    handler: ({ params, body, ctx }) => quarterlyReports.file(ctx, params.id, body),
  });
  defineRoute(app, api.rateReport, {
    ...staff,
    summary: '评定季度报告（进展顺利/进度滞后/存在风险，带版本号）',
    handler: ({ params, body, ctx }) => quarterlyReports.rate(ctx, params.id, body),
  });
  defineRoute(app, api.overview, {
    ...staff,
    summary: '季度分析总览：某活动某季度全部已立项项目的报送与评定',
    handler: ({ query, ctx }) => quarterlyReports.overview(ctx, query),
  });
}
