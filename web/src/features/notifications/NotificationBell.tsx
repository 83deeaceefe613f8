import { useEffect, useState } from 'react';
import { Badge, Button, Dropdown, Empty, Spin } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { NotificationView } from '@touyan/schemas';
import { useT } from '../../i18n';
import { useLatestNotifications, useMarkRead, useUnreadCount } from './hooks';
import { NotificationItem } from './NotificationItem';
import './notifications.css';

/** The header bell: unread count, and a dropdown with the latest eight notifications. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const latest = useLatestNotifications(open);
  const mark = useMarkRead();
  const unread = count.data ?? 0;
  const { refetch } = latest;

  // New notifications arriving while the dropdown is open show up in it.
  useEffect(() => {
    if (open) void refetch();
  }, [count.data, open, refetch]);

  const openNotice = (n: NotificationView) => {
    if (!n.readAt) mark.mutate({ ids: [n.id] });
    setOpen(false);
    if (n.link) navigate(n.link);
  };

  const items = latest.data?.items ?? [];
  const panel = (
    <div className="ty-bell-panel" data-testid="notification-panel">
      <div className="ty-bell-head">
        <span>{t('notifications.title')}</span>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={mark.isPending}
          onClick={() => mark.mutate({ all: true })}
        >
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <div className="ty-bell-list">
        {latest.isPending ? (
          <Spin style={{ display: 'block', padding: 24 }} />
        ) : items.length === 0 ? (
          <Empty
            className="ty-bell-empty"
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('notifications.empty')}
          />
        ) : (
          items.map((n) => <NotificationItem key={n.id} n={n} onOpen={openNotice} compact />)
        )}
      </div>
      <div className="ty-bell-foot">
        <Button
          type="link"
          data-testid="notification-view-all"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          {t('notifications.viewAll')}
        </Button>
      </div>
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} placement="bottomRight" popupRender={() => panel}>
      <Button
        type="text"
        className="ty-bell-button"
        data-testid="notification-bell"
        data-unread={unread}
        // The name holds the count as the badge shows it ("99+"), outside brackets: a name must contain
        // the visible text, and checkers drop bracketed parts (label-content-name-mismatch).
        aria-label={
          unread > 0 ? t('notifications.bellUnread', { n: unread > 99 ? '99+' : unread }) : t('notifications.title')
        }
      >
        <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
