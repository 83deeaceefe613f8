import type { FastifyInstance } from 'fastify';
import { usersApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['用户与角色 users'];
const scope = '角色绑定在本人（社工部）绑定党组织及其下级的用户；管理员账号仅管理员可改';

export function usersRoutes(app: FastifyInstance, { users }: Services) {
  defineRoute(app, api.list, {
    permission: 'user.read',
    scope,
    tags,
    summary: '用户列表',
    handler: ({ query, ctx }) => users.list(ctx, query),
  });
  defineRoute(app, api.get, {
    permission: 'user.read',
    scope,
    tags,
    summary: '用户详情',
    handler: ({ params, ctx }) => users.get(ctx, params.id),
  });
  defineRoute(app, api.create, {
    permission: 'user.write',
    scope,
    tags,
    summary: '新增用户',
    handler: ({ body, ctx }) => users.create(ctx, body),
  });
  defineRoute(app, api.update, {
    permission: 'user.write',
    scope,
    tags,
    summary: '修改用户',
    handler: ({ params, body, ctx }) => users.update(ctx, params.id, body),
  });
  defineRoute(app, api.grant, {
    permission: 'user.write',
    scope,
    tags,
    summary: '授予角色',
    handler: ({ params, body, ctx }) => users.grant(ctx, params.id, body),
  });
  defineRoute(app, api.revoke, {
    permission: 'user.write',
    scope,
    tags,
    summary: '撤销角色',
    handler: ({ params, ctx }) => users.revoke(ctx, params.id, params.bindingId),
  });
  defineRoute(app, api.resetPassword, {
    permission: 'user.write',
    scope,
    tags,
    summary: '重置密码（下次登录须修改）',
    handler: ({ params, body, ctx }) => users.resetPassword(ctx, params.id, body.newPassword),
  });
  defineRoute(app, api.unlock, {
    permission: 'user.write',
    scope,
    tags,
    summary: '解除登录锁定',
    handler: ({ params, ctx }) => users.unlock(ctx, params.id),
  });
}
