import type { FastifyInstance } from 'fastify';
import { DASHBOARD_PERIODS } from '@touyan/schemas';
import { dashboardsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { buildWorkbook, sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';

const tags = ['监管驾驶舱 dashboards'];
const scope =
  '社工部工作人员绑定党组织所在地区（市级：全市及各县区；县级：本县区），管理员全部；地区不在范围内答 404；各数字按其列表本身的数据范围与筛选计数';

export function dashboardsRoutes(app: FastifyInstance, { dashboards }: Services) {
  defineRoute(app, api.overview, {
    permission: 'dashboard.read',
    scope,
    tags,
    summary: '监管驾驶舱：本地区各项数字、上期对比与明细列表链接',
    handler: ({ query, ctx }) => dashboards.overview(ctx, query),
  });

  defineRoute(app, api.export, {
    permission: 'dashboard.read',
    scope,
    tags,
    summary: '导出监管驾驶舱数据（Excel）：各板块数字、各县区数字与上期对比',
    handler: async ({ query, ctx }, _req, reply) => {
      const { panel, ...q } = query;
      const d = await dashboards.overview(ctx, q);
      const en = ctx.locale === 'en';
      const rows = d.panels
        .filter((p) => !panel || p.key === panel)
        .flatMap((p) =>
          p.figures.flatMap((f) => [
            {
              panel: p.title,
              label: f.label,
              area: d.area.name,
              value: f.value,
              previous: f.previous,
              unit: f.unit,
              link: f.link,
            },
            ...f.byArea.map((a) => ({
              panel: p.title,
              label: f.label,
              area: a.name,
              value: a.value,
              previous: null as number | null,
              unit: f.unit,
              link: a.link,
            })),
          ]),
        );
      const data = await buildWorkbook(
        en ? 'Dashboard' : '监管驾驶舱',
        [
          { header: en ? 'Panel' : '板块', width: 18, value: (r) => r.panel },
          { header: en ? 'Figure' : '指标', width: 28, value: (r) => r.label },
          { header: en ? 'Area' : '地区', width: 14, value: (r) => r.area },
          {
            header: `${en ? 'This period' : '本期'} ${d.period.from}~${d.period.to}`,
            width: 24,
            value: (r) => r.value,
          },
          {
            header: `${en ? 'Previous' : '上期'} ${d.period.previousFrom}~${d.period.previousTo}`,
            width: 24,
            value: (r) => r.previous,
          },
          { header: en ? 'Unit' : '单位', width: 8, value: (r) => r.unit },
          { header: en ? 'List' : '明细列表', width: 60, value: (r) => r.link },
        ],
        rows,
      );
      const kind = DASHBOARD_PERIODS[d.period.kind][en ? 'en' : 'zh-CN'];
      return sendXlsx(reply, `${d.area.name}${en ? ' dashboard' : '监管驾驶舱'}-${kind}-${d.period.from}.xlsx`, data);
    },
  });
}
