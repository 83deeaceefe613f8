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

  // ---- The ledger (issue 11) ----
  defineRoute(app, api.coverage, {
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '两个覆盖覆盖率（按区划、园区或行业分组，可下钻）',
    handler: ({ query, ctx }) => hostOrgs.coverage(ctx, query),
  });
  defineRoute(app, api.crossPosts, {
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '交叉任职列表',
    handler: ({ params, ctx }) => hostOrgs.crossPosts(ctx, params.id),
  });
  defineRoute(app, api.createCrossPost, {
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '新增交叉任职',
    handler: ({ params, body, ctx }) => hostOrgs.createCrossPost(ctx, params.id, body),
  });
  defineRoute(app, api.updateCrossPost, {
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '修改交叉任职（带版本号）',
    handler: ({ params, body, ctx }) => hostOrgs.updateCrossPost(ctx, params.id, params.itemId, body),
  });
  defineRoute(app, api.deleteCrossPost, {
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '删除交叉任职',
    handler: ({ params, ctx }) => hostOrgs.deleteCrossPost(ctx, params.id, params.itemId),
  });
  defineRoute(app, api.partyMembers, {
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '亮身份党员列表',
    handler: ({ params, ctx }) => hostOrgs.partyMembers(ctx, params.id),
  });
  defineRoute(app, api.createPartyMember, {
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '新增亮身份党员',
    handler: ({ params, body, ctx }) => hostOrgs.createPartyMember(ctx, params.id, body),
  });
  defineRoute(app, api.updatePartyMember, {
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '修改亮身份党员（带版本号）',
    handler: ({ params, body, ctx }) => hostOrgs.updatePartyMember(ctx, params.id, params.itemId, body),
  });
  defineRoute(app, api.deletePartyMember, {
    permission: 'hostOrg.write',
    scope: writeScope,
    tags,
    summary: '删除亮身份党员',
    handler: ({ params, ctx }) => hostOrgs.deletePartyMember(ctx, params.id, params.itemId),
  });
  defineRoute(app, api.assignments, {
    permission: 'hostOrg.read',
    scope: readScope,
    tags,
    summary: '指导员、联络员、企业专员、联系领导的分配记录',
    handler: ({ params, ctx }) => hostOrgs.assignments(ctx, params.id),
  });
}
