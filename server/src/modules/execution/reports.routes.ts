import type { FastifyInstance } from 'fastify';
import { idParams, quarterlyReportBody, quarterOverviewQuery, reportRateBody } from '@touyan/schemas';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { EXECUTION_TAGS, READ_SCOPE, SECRETARY_SCOPE, STAFF_SCOPE } from './execution.scopes';

export function reportsRoutes(app: FastifyInstance, { quarterlyReports }: Services) {
  const tags = EXECUTION_TAGS;
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id/quarterly-reports',
    permission: 'project.read',
    scope: READ_SCOPE,
    tags,
    summary: '项目各季度报告（应报日期、逾期、评定）',
    params: idParams,
    handler: ({ params, ctx }) => quarterlyReports.list(ctx, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/projects/:id/quarterly-reports',
    permission: 'project.declare',
    scope: SECRETARY_SCOPE,
    tags,
    summary: '报送季度报告（季度最后一个月起可报；逾期仍可补报并保留逾期记录）',
    params: idParams,
    body: quarterlyReportBody,
    handler: ({ params, body, ctx }) => quarterlyReports.file(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/quarterly-reports/:id/rate',
    permission: 'project.manage',
    scope: STAFF_SCOPE,
    tags,
    summary: '评定季度报告（进展顺利/进度滞后/存在风险，带版本号）',
    params: idParams,
    body: reportRateBody,
    handler: ({ params, body, ctx }) => quarterlyReports.rate(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/quarterly-reports/overview',
    permission: 'project.manage',
    scope: STAFF_SCOPE,
    tags,
    summary: '季度分析总览：某活动某季度全部已立项项目的报送与评定',
    query: quarterOverviewQuery,
    handler: ({ query, ctx }) => quarterlyReports.overview(ctx, query),
  });
}
