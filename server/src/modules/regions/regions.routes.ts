import type { FastifyInstance } from 'fastify';
import { regionsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['行政区划 regions'];
const scope = '全国行政区划为公共参考数据，登录即可查看 (reference data)';

export function regionsRoutes(app: FastifyInstance, { regions }: Services) {
  defineRoute(app, api.list, {
    permission: 'region.read',
    scope,
    tags,
    summary: '下级区划或按名称搜索',
    handler: ({ query, ctx }) => regions.list(ctx, query),
  });
  defineRoute(app, api.get, {
    permission: 'region.read',
    scope,
    tags,
    summary: '区划详情',
    handler: ({ params, ctx }) => regions.get(ctx, params.code),
  });
  defineRoute(app, api.create, {
    permission: 'region.write',
    scope,
    tags,
    summary: '新增区划',
    handler: ({ body, ctx }) => regions.create(ctx, body),
  });
  defineRoute(app, api.rename, {
    permission: 'region.write',
    scope,
    tags,
    summary: '修改区划名称',
    handler: ({ params, body, ctx }) => regions.rename(ctx, params.code, body.name, body.version),
  });
  defineRoute(app, api.move, {
    permission: 'region.write',
    scope,
    tags,
    summary: '移动区划（下级随之移动）',
    handler: ({ params, body, ctx }) => regions.move(ctx, params.code, body.parentCode, body.version),
  });
}
