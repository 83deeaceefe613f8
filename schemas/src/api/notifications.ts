import { route } from '../contract';
import { notificationListQuery, notificationPage, notificationReadBody, unreadCountView } from '../notifications';

/** The caller's own in-app notifications (通知). */
export const notificationsApi = {
  list: route('GET', '/notifications', { query: notificationListQuery, response: notificationPage }),
  unreadCount: route('GET', '/notifications/unread-count', { response: unreadCountView }),
  markRead: route('POST', '/notifications/read', { body: notificationReadBody, response: unreadCountView }),
};
