import type { FastifyInstance } from 'fastify';
import { homeApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['工作台 home'];
const scope =
  '本人各角色的数据范围：社工部工作人员为绑定党组织及其下级（管理员全部）的申报、研判会、季度报告、督办与比武；书记、成员为本人所在党组织及其下级的项目；评委为本人参加的比武与研判会；本人的未读通知';

export function homeRoutes(app: FastifyInstance, { home }: Services) {
  defineRoute(app, api.get, {
    permission: 'self',
    scope,
    tags,
    summary: '工作台：本人角色的待办、数字与未读通知',
    handler: ({ query, ctx }) => home.get(ctx, query),
  });
}
