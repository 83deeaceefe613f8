import type { FastifyInstance } from 'fastify';
import { notificationListQuery, notificationReadBody } from '@touyan/schemas';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['通知 notifications'];
const scope = '本人的通知 (own notifications only)';

export function notificationsRoutes(app: FastifyInstance, { notifications }: Services) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/notifications',
    permission: 'self',
    scope,
    tags,
    summary: '通知列表（含未读数）',
    query: notificationListQuery,
    handler: ({ query, ctx }) => notifications.list(ctx, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/notifications/unread-count',
    permission: 'self',
    scope,
    tags,
    summary: '未读通知数（铃铛角标）',
    handler: ({ ctx }) => notifications.unreadCount(ctx),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/notifications/read',
    permission: 'self',
    scope,
    tags,
    summary: '标记已读（指定或全部）',
    body: notificationReadBody,
    handler: ({ body, ctx }) => notifications.markRead(ctx, body),
  });
}
