import { z } from 'zod';
import { boolQuery, cursorSchema, limitSchema, refId } from './common';
import { pageOf } from './contract';
import type { Dict } from './dicts';

export const NOTIFICATION_KINDS = {
  project_returned: { 'zh-CN': '申报被退回', en: 'Declaration returned' },
  project_approved: { 'zh-CN': '项目已立项', en: 'Project approved' },
  project_rejected: { 'zh-CN': '申报未获立项', en: 'Declaration rejected' },
  report_due: { 'zh-CN': '季度报告即将到期', en: 'Quarterly report due soon' },
  report_overdue: { 'zh-CN': '季度报告已逾期', en: 'Quarterly report overdue' },
  report_rated: { 'zh-CN': '季度报告已评定', en: 'Quarterly report rated' },
  supervision_issued: { 'zh-CN': '收到督办通知', en: 'Supervision notice' },
  supervision_answered: { 'zh-CN': '督办已答复', en: 'Supervision answered' },
  review_assigned: { 'zh-CN': '研判会评审任务', en: 'Review assignment' },
  demand_assigned: { 'zh-CN': '收到企业诉求', en: 'Demand assigned' },
  demand_resolved: { 'zh-CN': '诉求已办结，请评价', en: 'Demand resolved: please rate' },
  demand_returned: { 'zh-CN': '诉求被退回，请重新分办', en: 'Demand returned for re-routing' },
  demand_overdue: { 'zh-CN': '诉求办理超期', en: 'Demand overdue' },
  gig_match: { 'zh-CN': '为您推荐零工岗位', en: 'A gig job for you' },
  gig_intention: { 'zh-CN': '收到求职意向', en: 'New applicant' },
  gig_decided: { 'zh-CN': '求职意向有结果', en: 'Application decided' },
  gig_job_pending: { 'zh-CN': '零工岗位待审核', en: 'Gig job awaiting approval' },
  gig_job_reviewed: { 'zh-CN': '零工岗位审核结果', en: 'Gig job reviewed' },
  dispute_overdue: { 'zh-CN': '劳动争议案件法定期限已超期', en: 'Dispute clock overdue' },
  dispute_assigned: { 'zh-CN': '收到调解案件', en: 'Dispute case assigned' },
} satisfies Dict<string>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_CODES = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];

export const notificationListQuery = z.object({ unread: boolQuery, limit: limitSchema, cursor: cursorSchema });
export const notificationReadBody = z.object({
  ids: z.array(refId('notification')).max(200).optional(),
  all: z.boolean().optional(),
});

export const notificationView = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KIND_CODES),
  title: z.string(),
  body: z.string(),
  /** In-app path to open, e.g. /projects/01J…?tab=reviews */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

/** The caller's unread count (the bell's badge): the answer of a count and of marking read. */
export const unreadCountView = z.object({ unread: z.number().int() });
export type UnreadCountView = z.infer<typeof unreadCountView>;
/** A page of notifications, with the unread count beside it. */
export const notificationPage = pageOf(notificationView).extend(unreadCountView.shape);
export type NotificationPage = z.infer<typeof notificationPage>;
