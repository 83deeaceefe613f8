import type { FastifyInstance } from 'fastify';
import { partyOrgsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['党组织 party organisations'];
const readScope = '所绑定党组织及其下级 (bound nodes and their descendants)';
const writeScope = '社工部工作人员所绑定党组织及其下级 (staff bindings and below)';

export function partyOrgsRoutes(app: FastifyInstance, { partyOrgs }: Services) {
  defineRoute(app, api.list, {
    permission: 'partyOrg.read',
    scope: readScope,
    tags,
    summary: '下级党组织或本人可见的顶层党组织',
    handler: ({ query, ctx }) => partyOrgs.list(ctx, query),
  });
  defineRoute(app, api.tree, {
    permission: 'partyOrg.read',
    scope: readScope,
    tags,
    summary: '可见范围内的整棵党组织树（扁平）',
    handler: ({ ctx }) => partyOrgs.tree(ctx),
  });
  defineRoute(app, api.get, {
    permission: 'partyOrg.read',
    scope: readScope,
    tags,
    summary: '党组织详情',
    handler: ({ params, ctx }) => partyOrgs.get(ctx, params.id),
  });
  defineRoute(app, api.create, {
    permission: 'partyOrg.write',
    scope: writeScope,
    tags,
    summary: '新增下级党组织',
    handler: ({ body, ctx }) => partyOrgs.create(ctx, body),
  });
  defineRoute(app, api.update, {
    permission: 'partyOrg.write',
    scope: writeScope,
    tags,
    summary: '修改党组织',
    handler: ({ params, body, ctx }) => partyOrgs.update(ctx, params.id, body),
  });
  defineRoute(app, api.move, {
    permission: 'partyOrg.write',
    scope: writeScope,
    tags,
    summary: '调整隶属关系（下级随之移动）',
    handler: ({ params, body, ctx }) => partyOrgs.move(ctx, params.id, body.parentId, body.version),
  });
  defineRoute(app, api.remove, {
    permission: 'partyOrg.write',
    scope: writeScope,
    tags,
    summary: '删除（无下级和关联记录时）',
    handler: ({ params, ctx }) => partyOrgs.remove(ctx, params.id),
  });
}
