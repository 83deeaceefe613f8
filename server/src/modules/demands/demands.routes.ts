import type { FastifyInstance } from 'fastify';
import { DEMAND_CATEGORIES, DEMAND_RATINGS, DEMAND_SOURCES, DEMAND_STATUSES } from '@touyan/schemas';
import { demandsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { shanghaiDate } from '../../core/time';
import { buildWorkbook, sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';

const tags = ['企业诉求 demands'];
const readScope =
  '社工部工作人员：管理党组织在其范围内的企业的诉求；部门经办人：分办（主办或协办，现在或曾经）到本部门的诉求；企业专员：分管企业的诉求；企业联系人：本企业的诉求';
const handleScope = '主办部门的经办人（诉求在其读取范围内）';
const staffScope = '社工部工作人员（企业的管理党组织在其范围内）';
const configScope = '社工部工作人员：本级及以下党组织节点的承办部门和分办规则；部门经办人可查看';

const fen = (v: number | null) => (v === null ? null : v / 100);

export function demandsRoutes(app: FastifyInstance, { demands }: Services) {
  defineRoute(app, api.calendarGet, {
    permission: 'calendar.manage',
    scope: '系统管理员',
    tags,
    summary: '某年工作日历的补充设置（调休、放假）',
    handler: ({ params, ctx }) => demands.calendarGet(ctx, params.year),
  });
  defineRoute(app, api.calendarPut, {
    permission: 'calendar.manage',
    scope: '系统管理员',
    tags,
    summary: '设置某年的放假和调休上班日（覆盖内置的法定节假日）',
    handler: ({ params, body, ctx }) => demands.calendarPut(ctx, params.year, body),
  });
  defineRoute(app, api.departments, {
    permission: 'demand.read',
    scope: configScope,
    tags,
    summary: '承办部门列表',
    handler: ({ query, ctx }) => demands.departments(ctx, query),
  });
  defineRoute(app, api.departmentCreate, {
    permission: 'demand.configure',
    scope: configScope,
    tags,
    summary: '新增承办部门（含经办人）',
    handler: ({ body, ctx }) => demands.createDepartment(ctx, body),
  });
  defineRoute(app, api.departmentUpdate, {
    permission: 'demand.configure',
    scope: configScope,
    tags,
    summary: '修改承办部门（带版本号）',
    handler: ({ params, body, ctx }) => demands.updateDepartment(ctx, params.id, body),
  });
  defineRoute(app, api.routes, {
    permission: 'demand.read',
    scope: configScope,
    tags,
    summary: '诉求分办规则（县级节点 × 类别 → 主办部门和办理时限）',
    handler: ({ query, ctx }) => demands.routes(ctx, query),
  });
  defineRoute(app, api.routeCreate, {
    permission: 'demand.configure',
    scope: configScope,
    tags,
    summary: '新增分办规则',
    handler: ({ body, ctx }) => demands.createRoute(ctx, body),
  });
  defineRoute(app, api.routeUpdate, {
    permission: 'demand.configure',
    scope: configScope,
    tags,
    summary: '修改分办规则（带版本号）',
    handler: ({ params, body, ctx }) => demands.updateRoute(ctx, params.id, body),
  });
  defineRoute(app, api.list, {
    permission: 'demand.read',
    scope: readScope,
    tags,
    summary: '诉求列表（按状态、类别、部门、企业、超期、指标口径、受理日期、关键词筛选，键集分页）',
    handler: ({ query, ctx }) => demands.list(ctx, query),
  });
  defineRoute(app, api.stats, {
    permission: 'demand.read',
    scope: readScope,
    tags,
    summary: '接诉即办指标：响应率、办结率、满意率、平均答复和办结时长（按部门或地区）',
    handler: ({ query, ctx }) => demands.stats(ctx, query),
  });
  defineRoute(app, api.export, {
    permission: 'demand.read',
    scope: readScope,
    tags,
    summary: '导出筛选结果（Excel）',
    handler: async ({ query, ctx }, _req, reply) => {
      const rows = await demands.exportRows(ctx, query);
      const zh = (d: Record<string, { 'zh-CN': string }>, k: string | null) => (k ? (d[k]?.['zh-CN'] ?? k) : '');
      const data = await buildWorkbook(
        '企业诉求',
        [
          { header: '企业', width: 28, value: (r) => r.hostOrgName },
          { header: '标题', width: 30, value: (r) => r.title },
          { header: '类别', value: (r) => zh(DEMAND_CATEGORIES, r.category) },
          { header: '来源', value: (r) => zh(DEMAND_SOURCES, r.source) },
          { header: '状态', value: (r) => zh(DEMAND_STATUSES, r.status) },
          { header: '主办部门', width: 20, value: (r) => r.leadDepartment?.name ?? '' },
          { header: '协办部门', width: 24, value: (r) => r.assistDepartments.map((d) => d.name).join('、') },
          { header: '受理日期', value: (r) => r.receivedOn },
          { header: '签收期限', value: (r) => r.signDueOn },
          { header: '办结期限', value: (r) => r.resolveDueOn },
          { header: '申请金额（元）', value: (r) => fen(r.amountAskedFen) },
          { header: '获批金额（元）', value: (r) => fen(r.amountGrantedFen) },
          { header: '评价', value: (r) => zh(DEMAND_RATINGS, r.rating) },
          { header: '重办次数', value: (r) => r.reopenedCount },
        ],
        rows,
      );
      return sendXlsx(reply, `企业诉求_${shanghaiDate()}.xlsx`, data);
    },
  });
  defineRoute(app, api.get, {
    permission: 'demand.read',
    scope: readScope,
    tags,
    summary: '诉求详情（含办理时间线和可执行操作）',
    handler: ({ params, ctx }) => demands.get(ctx, params.id),
  });
  defineRoute(app, api.create, {
    permission: 'demand.create',
    scope: '社工部工作人员（其范围内的企业，可指定主办/协办部门）、企业专员（分管企业）、企业联系人（本企业）',
    tags,
    summary: '登记诉求：按分办规则确定主办部门，按工作日计算各环节期限',
    handler: ({ body, ctx }) => demands.create(ctx, body),
  });
  defineRoute(app, api.accept, {
    permission: 'demand.handle',
    scope: handleScope,
    tags,
    summary: '签收',
    handler: ({ params, body, ctx }) => demands.accept(ctx, params.id, body),
  });
  defineRoute(app, api.reply, {
    permission: 'demand.handle',
    scope: handleScope,
    tags,
    summary: '首次答复（进入办理中）',
    handler: ({ params, body, ctx }) => demands.reply(ctx, params.id, body),
  });
  defineRoute(app, api.resolve, {
    permission: 'demand.handle',
    scope: handleScope,
    tags,
    summary: '办结（填写办理结果），通知企业联系人评价',
    handler: ({ params, body, ctx }) => demands.resolve(ctx, params.id, body),
  });
  defineRoute(app, api.transfer, {
    permission: 'demand.handle',
    scope: handleScope,
    tags,
    summary: '转办给其他部门（须说明理由，重新计算期限）',
    handler: ({ params, body, ctx }) => demands.transfer(ctx, params.id, body),
  });
  defineRoute(app, api.return, {
    permission: 'demand.handle',
    scope: handleScope,
    tags,
    summary: '退回社工部重新分办（须说明理由）',
    handler: ({ params, body, ctx }) => demands.return(ctx, params.id, body),
  });
  defineRoute(app, api.rate, {
    permission: 'demand.rate',
    scope: '本企业的企业联系人',
    tags,
    summary: '评价办理结果（不满意可重办一次）',
    handler: ({ params, body, ctx }) => demands.rate(ctx, params.id, body),
  });
  defineRoute(app, api.reroute, {
    permission: 'demand.manage',
    scope: staffScope,
    tags,
    summary: '重新分办（退回的或尚未签收的诉求）',
    handler: ({ params, body, ctx }) => demands.reroute(ctx, params.id, body),
  });
  defineRoute(app, api.close, {
    permission: 'demand.manage',
    scope: staffScope,
    tags,
    summary: '关闭企业逾期未评价的诉求',
    handler: ({ params, body, ctx }) => demands.close(ctx, params.id, body),
  });
}
