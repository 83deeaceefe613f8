import type { FastifyInstance } from 'fastify';
import { hostOrgCreateBody, hostOrgListQuery, hostOrgUpdateBody, idParams } from '@touyan/schemas';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['两新组织 host organisations'];
const readScope = '主管或所建党组织在本人绑定党组织及其下级；企业专员只见所联系企业；企业联系人、用工单位只见本单位';
const writeScope = '社工部工作人员绑定党组织及其下级 (staff subtree)';

export function hostOrgsRoutes(app: FastifyInstance, { hostOrgs }: Services) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/host-orgs',
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '两新组织台账（筛选、分页）',
    query: hostOrgListQuery,
    handler: ({ query, ctx }) => hostOrgs.list(ctx, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/host-orgs/parks',
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '可见范围内的园区名称',
    handler: ({ ctx }) => hostOrgs.parks(ctx),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/host-orgs/:id',
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '两新组织详情',
    params: idParams,
    handler: ({ params, ctx }) => hostOrgs.get(ctx, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/host-orgs',
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '新增两新组织',
    body: hostOrgCreateBody,
    handler: ({ body, ctx }) => hostOrgs.create(ctx, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/host-orgs/:id',
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '修改两新组织（带版本号）',
    params: idParams,
    body: hostOrgUpdateBody,
    handler: ({ params, body, ctx }) => hostOrgs.update(ctx, params.id, body),
  });
}
