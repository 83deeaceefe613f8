import type { KeyboardEvent } from 'react';
import { Badge, Button, Tag, Typography } from 'antd';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationView } from '@touyan/schemas';
import { formatDateTime } from '../../components/time';
import { useLabel, useT } from '../../i18n';

const KIND_COLORS: Record<NotificationKind, string> = {
  project_returned: 'orange',
  project_approved: 'green',
  project_rejected: 'red',
  report_due: 'gold',
  report_overdue: 'red',
  report_rated: 'blue',
  supervision_issued: 'volcano',
  supervision_answered: 'cyan',
  review_assigned: 'geekblue',
  demand_assigned: 'purple',
  demand_resolved: 'green',
  demand_returned: 'orange',
  demand_overdue: 'red',
  gig_match: 'green',
  gig_intention: 'purple',
  gig_decided: 'blue',
  gig_job_pending: 'gold',
  gig_job_reviewed: 'cyan',
  dispute_overdue: 'red',
  dispute_assigned: 'purple',
};

export function KindTag({ kind }: { kind: NotificationKind }) {
  const label = useLabel();
  return (
    <Tag color={KIND_COLORS[kind]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {label(NOTIFICATION_KINDS, kind)}
    </Tag>
  );
}

/** One notification: unread ones are marked with a dot and bold title; clicking opens its link. */
export function NotificationItem({
  n,
  onOpen,
  onMarkRead,
  compact = false,
}: {
  n: NotificationView;
  onOpen: (n: NotificationView) => void;
  onMarkRead?: (n: NotificationView) => void;
  compact?: boolean;
}) {
  const t = useT();
  const unread = !n.readAt;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(n);
    }
  };
  return (
    <div
      className={`ty-notice${unread ? ' ty-notice-unread' : ''}${compact ? ' ty-notice-compact' : ''}`}
      role="button"
      tabIndex={0}
      onClick={() => onOpen(n)}
      onKeyDown={onKey}
      data-testid="notification-item"
      data-unread={unread ? '1' : '0'}
    >
      <span className="ty-notice-dot" aria-hidden>
        {unread && <Badge status="error" />}
      </span>
      <div className="ty-notice-main">
        <div className="ty-notice-head">
          <KindTag kind={n.kind} />
          <span className="ty-notice-title">{n.title}</span>
        </div>
        {n.body && (
          <Typography.Paragraph
            type="secondary"
            className="ty-notice-body"
            ellipsis={compact ? { rows: 2 } : false}
            style={{ marginBottom: 0 }}
          >
            {n.body}
          </Typography.Paragraph>
        )}
        <div className="ty-notice-meta">
          <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
          {unread && <span className="ty-sr-only">{t('notifications.unreadMark')}</span>}
        </div>
      </div>
      {onMarkRead && unread && (
        <Button
          size="small"
          type="link"
          onClick={(e) => {
            e.stopPropagation();
            onMarkRead(n);
          }}
        >
          {t('notifications.markRead')}
        </Button>
      )}
    </div>
  );
}
