import type { FastifyInstance } from 'fastify';
import { hostOrgsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['两新组织 host organisations'];
const readScope = '主管或所建党组织在本人绑定党组织及其下级；企业专员只见所联系企业；企业联系人、用工单位只见本单位';
const writeScope = '社工部工作人员绑定党组织及其下级 (staff subtree)';

export function hostOrgsRoutes(app: FastifyInstance, { hostOrgs }: Services) {
  defineRoute(app, api.list, {
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '两新组织台账（筛选、分页）',
    handler: ({ query, ctx }) => hostOrgs.list(ctx, query),
  });
  defineRoute(app, api.parks, {
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '可见范围内的园区名称',
    handler: ({ ctx }) => hostOrgs.parks(ctx),
  });
  defineRoute(app, api.get, {
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '两新组织详情',
    handler: ({ params, ctx }) => hostOrgs.get(ctx, params.id),
  });
  defineRoute(app, api.create, {
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '新增两新组织',
    handler: ({ body, ctx }) => hostOrgs.create(ctx, body),
  });
  defineRoute(app, api.update, {
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '修改两新组织（带版本号）',
    handler: ({ params, body, ctx }) => hostOrgs.update(ctx, params.id, body),
  });
}
