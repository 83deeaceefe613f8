import type { FastifyInstance } from 'fastify';
import {
  idParams,
  projectCompleteBody,
  projectCreateBody,
  projectEventBody,
  projectListQuery,
  projectSaveBody,
  versionCompareQuery,
} from '@touyan/schemas';
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

export function projectsRoutes(app: FastifyInstance, { projects, projectDecisions }: Services) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects',
    permission: 'project.read',
    scope: readScope,
    tags,
    summary: '项目列表（筛选、全文检索、键集分页）',
    query: projectListQuery,
    handler: ({ query, ctx }) => projects.list(ctx, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/export.xlsx',
    permission: 'project.read',
    scope: readScope,
    tags,
    summary: '导出筛选结果（Excel）',
    query: projectListQuery,
    handler: async ({ query, ctx }, _req, reply) => {
      const rows = await projects.exportRows(ctx, query);
      return sendXlsx(reply, `书记项目_${shanghaiDate()}.xlsx`, await projectsWorkbook(rows));
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id',
    permission: 'project.read',
    scope: readScope,
    tags,
    summary: '项目详情',
    params: idParams,
    handler: ({ params, ctx }) => projects.get(ctx, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/projects',
    permission: 'project.declare',
    scope: ownScope,
    tags,
    summary: '新建申报（草稿）',
    body: projectCreateBody,
    handler: ({ body, ctx }) => projects.create(ctx, body),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/projects/:id/content',
    permission: 'project.declare',
    scope: ownScope,
    tags,
    summary: '保存申报书（带版本号，过期副本返回409）',
    params: idParams,
    body: projectSaveBody,
    handler: ({ params, body, ctx }) => projects.save(ctx, params.id, body),
  });
  for (const event of ['submit', 'withdraw', 'resubmit'] as const) {
    defineRoute(app, {
      method: 'POST',
      url: `/api/projects/:id/${event}`,
      permission: 'project.declare',
      scope: ownScope,
      tags,
      summary: { submit: '提交申报', withdraw: '撤回申报（研判前）', resubmit: '重新申报（形成新版本）' }[event],
      params: idParams,
      body: projectEventBody,
      handler: ({ params, body, ctx }) => projects.fire(ctx, params.id, event, body),
    });
  }
  defineRoute(app, {
    method: 'POST',
    url: '/api/projects/:id/terminate',
    permission: 'project.manage',
    scope: staffScope,
    tags,
    summary: '终止项目（须说明原因）',
    params: idParams,
    body: projectEventBody,
    handler: ({ params, body, ctx }) => projects.fire(ctx, params.id, 'terminate', body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/projects/:id/complete',
    permission: 'project.read',
    scope: `${ownScope}；或${staffScope}`,
    tags,
    summary: '完成结项（总结与各指标最终值）',
    params: idParams,
    body: projectCompleteBody,
    handler: ({ params, body, ctx }) => projectDecisions.complete(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id/versions',
    permission: 'project.read',
    scope: readScope,
    tags,
    summary: '申报书各版本',
    params: idParams,
    handler: ({ params, ctx }) => projects.versions(ctx, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id/versions/compare',
    permission: 'project.read',
    scope: readScope,
    tags,
    summary: '两个版本逐字段比较',
    params: idParams,
    query: versionCompareQuery,
    handler: ({ params, query, ctx }) => projects.compare(ctx, params.id, query.a, query.b),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id/timeline',
    permission: 'project.read',
    scope: readScope,
    tags,
    summary: '状态流转时间线',
    params: idParams,
    handler: ({ params, ctx }) => projects.timeline(ctx, params.id),
  });
}
