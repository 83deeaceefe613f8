import type { FastifyInstance } from 'fastify';
import { regionCodeParams, regionCreateBody, regionListQuery, regionMoveBody, regionUpdateBody } from '@touyan/schemas';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['行政区划 regions'];
const scope = '全国行政区划为公共参考数据，登录即可查看 (reference data)';

export function regionsRoutes(app: FastifyInstance, { regions }: Services) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/regions',
    permission: 'region.read',
    scope,
    tags,
    summary: '下级区划或按名称搜索',
    query: regionListQuery,
    handler: ({ query, ctx }) => regions.list(ctx, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/regions/:code',
    permission: 'region.read',
    scope,
    tags,
    summary: '区划详情',
    params: regionCodeParams,
    handler: ({ params, ctx }) => regions.get(ctx, params.code),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/regions',
    permission: 'region.write',
    scope,
    tags,
    summary: '新增区划',
    body: regionCreateBody,
    handler: ({ body, ctx }) => regions.create(ctx, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/regions/:code',
    permission: 'region.write',
    scope,
    tags,
    summary: '修改区划名称',
    params: regionCodeParams,
    body: regionUpdateBody,
    handler: ({ params, body, ctx }) => regions.rename(ctx, params.code, body.name, body.version),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/regions/:code/move',
    permission: 'region.write',
    scope,
    tags,
    summary: '移动区划（下级随之移动）',
    params: regionCodeParams,
    body: regionMoveBody,
    handler: ({ params, body, ctx }) => regions.move(ctx, params.code, body.parentCode, body.version),
  });
}
