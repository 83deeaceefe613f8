import type { FastifyInstance } from 'fastify';
import { dashboardsApi as api } from '@touyan/schemas/api';
import type { RouteContract } from '@touyan/schemas/contract';
import { defineRoute, type RouteSpec } from '../../core/route';
import { sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';
import { dashboardWorkbook } from './dashboards.export';

/** What every dashboard route declares: the same permission, data scope and tag. */
const READ: Pick<RouteSpec<RouteContract>, 'permission' | 'scope' | 'tags'> = {
  permission: 'dashboard.read',
  scope:
    '社工部工作人员绑定党组织所在地区（市级：全市及各县区；县级：本县区），管理员全部；地区不在范围内答 404；各数字按其列表本身的数据范围与筛选计数',
  tags: ['监管驾驶舱 dashboards'],
};

export function dashboardsRoutes(app: FastifyInstance, { dashboards }: Services) {
  defineRoute(app, api.overview, {
    ...READ,
    summary: '监管驾驶舱：本地区各项数字、上期对比与明细列表链接',
    handler: ({ query, ctx }) => dashboards.overview(ctx, query),
  });

  defineRoute(app, api.export, {
    ...READ,
    summary: '导出监管驾驶舱数据（Excel）：各板块数字、各县区数字与上期对比',
    handler: async ({ query: { panel, ...q }, ctx }, _req, reply) => {
      const { filename, data } = await dashboardWorkbook(await dashboards.overview(ctx, q), panel, ctx.locale);
      return sendXlsx(reply, filename, data);
    },
  });
}
