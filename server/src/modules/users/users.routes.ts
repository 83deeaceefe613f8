import type { FastifyInstance } from 'fastify';
import {
  idParams,
  resetPasswordBody,
  roleBindingParams,
  roleGrantBody,
  userCreateBody,
  userListQuery,
  userUpdateBody,
} from '@touyan/schemas';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['用户与角色 users'];
const scope = '角色绑定在本人（社工部）绑定党组织及其下级的用户；管理员账号仅管理员可改';

export function usersRoutes(app: FastifyInstance, { users }: Services) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/users',
    permission: 'user.read',
    scope,
    tags,
    summary: '用户列表',
    query: userListQuery,
    handler: ({ query, ctx }) => users.list(ctx, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/users/:id',
    permission: 'user.read',
    scope,
    tags,
    summary: '用户详情',
    params: idParams,
    handler: ({ params, ctx }) => users.get(ctx, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/users',
    permission: 'user.write',
    scope,
    tags,
    summary: '新增用户',
    body: userCreateBody,
    handler: ({ body, ctx }) => users.create(ctx, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/users/:id',
    permission: 'user.write',
    scope,
    tags,
    summary: '修改用户',
    params: idParams,
    body: userUpdateBody,
    handler: ({ params, body, ctx }) => users.update(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/users/:id/roles',
    permission: 'user.write',
    scope,
    tags,
    summary: '授予角色',
    params: idParams,
    body: roleGrantBody,
    handler: ({ params, body, ctx }) => users.grant(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/users/:id/roles/:bindingId',
    permission: 'user.write',
    scope,
    tags,
    summary: '撤销角色',
    params: roleBindingParams,
    handler: ({ params, ctx }) => users.revoke(ctx, params.id, params.bindingId),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/users/:id/reset-password',
    permission: 'user.write',
    scope,
    tags,
    summary: '重置密码（下次登录须修改）',
    params: idParams,
    body: resetPasswordBody,
    handler: ({ params, body, ctx }) => users.resetPassword(ctx, params.id, body.newPassword),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/users/:id/unlock',
    permission: 'user.write',
    scope,
    tags,
    summary: '解除登录锁定',
    params: idParams,
    handler: ({ params, ctx }) => users.unlock(ctx, params.id),
  });
}
