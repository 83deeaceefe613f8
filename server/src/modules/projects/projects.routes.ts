import type { FastifyInstance } from 'fastify';
import { projectsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { sendXlsx } from '../../core/xlsx';
import { shanghaiDate } from '../../core/time';
import type { Services } from '../../services';
import { projectsWorkbook } from './projects.export';

const tags = ['书记项目 projects'];
const readScope =
  '管理员全部；书记、成员为本人绑定党组织及其下级申报的项目（含草稿）；社工部工作人员为本人绑定党组织及其下级申报的项目，从未提交过的草稿除外；评审人为其研判会议程上的项目';
const ownScope = '本人作为书记绑定的党组织及其下级申报的项目';
const staffScope = '社工部工作人员绑定党组织及其下级申报的项目';
const read = { permission: 'project.read', scope: readScope, tags } as const;
const declare = { permission: 'project.declare', scope: ownScope, tags } as const;

export function projectsRoutes(app: FastifyInstance, { projects, projectDecisions }: Services) {
  defineRoute(app, api.list, {
    ...read,
    summary: '项目列表（筛选、全文检索、键集分页）',
    handler: ({ query, ctx }) => projects.list(ctx, query),
  });
  defineRoute(app, api.exportXlsx, {
    ...read,
    summary: '导出筛选结果（Excel）',
    handler: async ({ query, ctx }, _req, reply) => {
      const rows = await projects.exportRows(ctx, query);
      return sendXlsx(reply, `书记项目_${shanghaiDate()}.xlsx`, await projectsWorkbook(rows));
    },
  });
  defineRoute(app, api.get, {
    ...read,
    summary: '项目详情',
    handler: ({ params, ctx }) => projects.get(ctx, params.id),
  });
  defineRoute(app, api.create, {
    ...declare,
    summary: '新建申报（草稿）',
    handler: ({ body, ctx }) => projects.create(ctx, body),
  });
  defineRoute(app, api.save, {
    ...declare,
    summary: '保存申报书（带版本号，过期副本返回409）',
    handler: ({ params, body, ctx }) => projects.save(ctx, params.id, body),
  });
  defineRoute(app, api.submit, {
    ...declare,
    summary: '提交申报',
    handler: ({ params, body, ctx }) => projects.fire(ctx, params.id, 'submit', body),
  });
  defineRoute(app, api.withdraw, {
    ...declare,
    summary: '撤回申报（研判前）',
    handler: ({ params, body, ctx }) => projects.fire(ctx, params.id, 'withdraw', body),
  });
  defineRoute(app, api.resubmit, {
    ...declare,
    summary: '重新申报（形成新版本）',
    handler: ({ params, body, ctx }) => projects.fire(ctx, params.id, 'resubmit', body),
  });
  defineRoute(app, api.terminate, {
    permission: 'project.manage',
    scope: staffScope,
    tags,
    summary: '终止项目（须说明原因）',
    handler: ({ params, body, ctx }) => projects.fire(ctx, params.id, 'terminate', body),
  });
  defineRoute(app, api.complete, {
    permission: 'project.read',
    scope: `${ownScope}；或${staffScope}`,
    tags,
    summary: '完成结项（总结与各指标最终值）',
    handler: ({ params, body, ctx }) => projectDecisions.complete(ctx, params.id, body),
  });
  defineRoute(app, api.versions, {
    ...read,
    summary: '申报书各版本',
    handler: ({ params, ctx }) => projects.versions(ctx, params.id),
  });
  defineRoute(app, api.compare, {
    ...read,
    summary: '两个版本逐字段比较',
    handler: ({ params, query, ctx }) => projects.compare(ctx, params.id, query.a, query.b),
  });
  defineRoute(app, api.timeline, {
    ...read,
    summary: '状态流转时间线',
    handler: ({ params, ctx }) => projects.timeline(ctx, params.id),
  });
}
