import type { FastifyInstance } from 'fastify';
import { formatSpans, holidayDates, STATION_AMENITIES, STATION_STATUSES, weeklyLines } from '@touyan/schemas';
import { stationsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { buildWorkbook, sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';

const tags = ['惠新驿家 stations'];
const READ =
  '管理员与新就业群体：全部站点（公共服务目录）；社工部工作人员：所绑定党组织所在行政区划及以下的站点；驿家站长：本人负责的站点';
const MANAGE = '社工部工作人员：所绑定党组织所在行政区划及以下的站点；管理员：全部';
const UPKEEP = `${MANAGE}；驿家站长：仅本人负责的站点`;

export function stationsRoutes(app: FastifyInstance, { stations }: Services) {
  defineRoute(app, api.list, {
    permission: 'station.read',
    tags,
    scope: READ,
    summary: '驿家台账',
    handler: ({ query, ctx }) => stations.list(ctx, query),
  });
  defineRoute(app, api.export, {
    permission: 'station.manage',
    tags,
    scope: MANAGE,
    summary: '导出驿家台账（Excel）',
    handler: async ({ query, ctx }, _req, reply) => {
      const rows = await stations.exportRows(ctx, query);
      const data = await buildWorkbook(
        '惠新驿家',
        [
          { header: '站点名称', width: 28, value: (r) => r.name },
          { header: '地址', width: 36, value: (r) => r.address },
          { header: '行政区划', value: (r) => r.regionName },
          { header: '纬度', value: (r) => r.lat },
          { header: '经度', value: (r) => r.lng },
          { header: '状态', value: (r) => STATION_STATUSES[r.status]['zh-CN'] },
          { header: '24小时', value: (r) => (r.hours.allDay ? '是' : '否') },
          {
            header: '开放时间',
            width: 40,
            value: (r) =>
              r.hours.allDay
                ? '24小时'
                : weeklyLines(r.hours, 'zh-CN', '休息')
                    .map((l) => `${l.days} ${l.hours}`)
                    .join('；'),
          },
          {
            header: '节假日安排',
            width: 40,
            value: (r) =>
              r.hours.holidays
                .map(
                  (h) =>
                    `${holidayDates(h, 'zh-CN')}${h.note ? ` ${h.note}` : ''} ${h.spans.length ? formatSpans(h.spans, 'zh-CN') : '闭站'}`,
                )
                .join('；'),
          },
          {
            header: '服务设施',
            width: 40,
            value: (r) => r.amenities.map((a) => STATION_AMENITIES[a]['zh-CN']).join('、'),
          },
          { header: '站长', value: (r) => r.managerName },
          { header: '依托单位', width: 24, value: (r) => r.hostOrgName },
          { header: '建成日期', value: (r) => r.openedOn },
          { header: '平均评分', value: (r) => r.ratingAvg },
          { header: '评价数', value: (r) => r.ratingCount },
        ],
        rows,
      );
      return sendXlsx(reply, '惠新驿家台账.xlsx', data);
    },
  });
  defineRoute(app, api.nearby, {
    permission: 'station.read',
    tags,
    scope: '全部运营中的站点（公共服务目录）',
    summary: '附近的驿家（距离、方位、设施、是否营业）',
    handler: ({ query }) => stations.nearby(query),
  });
  defineRoute(app, api.usage, {
    permission: 'station.upkeep',
    tags,
    scope: UPKEEP,
    summary: '驿家使用情况：按站点、日期、小时统计签到',
    handler: ({ query, ctx }) => stations.usage(ctx, query),
  });
  defineRoute(app, api.create, {
    permission: 'station.manage',
    tags,
    scope: MANAGE,
    summary: '新建驿家',
    handler: ({ body, ctx }) => stations.create(ctx, body),
  });
  defineRoute(app, api.get, {
    permission: 'station.read',
    tags,
    scope: READ,
    summary: '驿家详情',
    handler: ({ params, ctx }) => stations.get(ctx, params.id),
  });
  defineRoute(app, api.update, {
    permission: 'station.manage',
    tags,
    scope: MANAGE,
    summary: '修改驿家台账',
    handler: ({ params, body, ctx }) => stations.update(ctx, params.id, body),
  });
  defineRoute(app, api.upkeep, {
    permission: 'station.upkeep',
    tags,
    scope: UPKEEP,
    summary: '维护开放时间与服务设施',
    handler: ({ params, body, ctx }) => stations.upkeep(ctx, params.id, body),
  });
  defineRoute(app, api.code, {
    permission: 'station.upkeep',
    tags,
    scope: UPKEEP,
    summary: '驿家签到码（打印为二维码）',
    handler: ({ params, ctx }) => stations.code(ctx, params.id),
  });
  defineRoute(app, api.reissueCode, {
    permission: 'station.upkeep',
    tags,
    scope: UPKEEP,
    summary: '重新生成签到码（旧码作废）',
    handler: ({ params, ctx }) => stations.reissueCode(ctx, params.id),
  });
  defineRoute(app, api.checkIns, {
    permission: 'station.upkeep',
    tags,
    scope: UPKEEP,
    summary: '驿家签到记录',
    handler: ({ params, query, ctx }) => stations.checkIns(ctx, params.id, query),
  });
  defineRoute(app, api.checkIn, {
    permission: 'station.read',
    tags,
    scope: '扫码签到：签到码所指站点；须为已认证的新就业群体本人',
    summary: '扫码签到（同一人同一站点10分钟内只计一次）',
    handler: ({ body, ctx }) => stations.checkIn(ctx, body),
  });
  defineRoute(app, api.rate, {
    permission: 'station.read',
    tags,
    scope: '本人的签到记录',
    summary: '评价一次签到（1–5分及留言，每次签到一次）',
    handler: ({ params, body, ctx }) => stations.rate(ctx, params.id, body),
  });
}
