import { defineStrings } from '../../i18n/types';

/** Strings of the notifications feature (zh-CN first; every key in both languages). */
export const notificationStrings = defineStrings(
  {
    'notifications.title': '消息通知',
    'notifications.sub': '退回、立项、季度报告提醒和督办通知都在这里；当前 {n} 条未读',
    'notifications.bellUnread': '消息通知，{n} 条未读',
    'notifications.markRead': '标为已读',
    'notifications.markAllRead': '全部标为已读',
    'notifications.allRead': '已全部标为已读',
    'notifications.viewAll': '查看全部',
    'notifications.empty': '暂无通知',
    'notifications.emptyUnread': '没有未读通知',
    'notifications.filter': '显示范围',
    'notifications.filterAll': '全部',
    'notifications.filterUnread': '未读（{n}）',
    'notifications.unreadMark': '未读',
  },
  {
    'notifications.title': 'Notifications',
    'notifications.sub': 'Returns, approvals, report reminders and supervision notices; {n} unread',
    'notifications.bellUnread': 'Notifications, {n} unread',
    'notifications.markRead': 'Mark read',
    'notifications.markAllRead': 'Mark all read',
    'notifications.allRead': 'All marked read',
    'notifications.viewAll': 'View all',
    'notifications.empty': 'No notifications',
    'notifications.emptyUnread': 'No unread notifications',
    'notifications.filter': 'Show',
    'notifications.filterAll': 'All',
    'notifications.filterUnread': 'Unread ({n})',
    'notifications.unreadMark': 'Unread',
  },
);
