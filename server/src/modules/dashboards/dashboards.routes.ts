import type { FastifyInstance } from 'fastify';
import { dashboardsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['监管驾驶舱 dashboards'];

export function dashboardsRoutes(app: FastifyInstance, { dashboards }: Services) {
  defineRoute(app, api.overview, {
    permission: 'dashboard.read',
    scope:
      '社工部工作人员绑定党组织所在地区（市级：全市及各县区；县级：本县区），管理员全部；地区不在范围内答 404；各数字按其列表本身的数据范围与筛选计数',
    tags,
    summary: '监管驾驶舱：本地区各项数字、上期对比与明细列表链接',
    handler: ({ query, ctx }) => dashboards.overview(ctx, query),
  });
}
