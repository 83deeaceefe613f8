import type { FastifyInstance } from 'fastify';
import { notificationsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['通知 notifications'];
const own = { permission: 'self', scope: '本人的通知 (own notifications only)', tags } as const;

export function notificationsRoutes(app: FastifyInstance, { notifications }: Services) {
  defineRoute(app, api.list, {
    ...own,
    summary: '通知列表（含未读数）',
    handler: ({ query, ctx }) => notifications.list(ctx, query),
  });
  defineRoute(app, api.unreadCount, {
    ...own,
    summary: '未读通知数（铃铛角标）',
    handler: ({ ctx }) => notifications.unreadCount(ctx),
  });
  defineRoute(app, api.markRead, {
    ...own,
    summary: '标记已读（指定或全部）',
    handler: ({ body, ctx }) => notifications.markRead(ctx, body),
  });
}
