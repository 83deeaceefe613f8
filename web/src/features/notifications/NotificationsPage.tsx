import { App, Button, Segmented, Spin } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { NotificationView } from '@touyan/schemas';
import { isApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { ListEmpty } from '../../components/list-kit/ListEmpty';
import { ListFooter } from '../../components/list-kit/ListFooter';
import { listRows } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useMarkRead, useNotificationList, useUnreadCount } from './hooks';
import { NotificationItem } from './NotificationItem';
import './notifications.css';

/** The notification centre: everything (or only unread), mark one or all read, open a notice's page. */
export default function NotificationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const list = useNotificationList(unreadOnly);
  const count = useUnreadCount();
  const mark = useMarkRead();
  const unread = count.data ?? list.data?.pages[0]?.unread ?? 0;
  const rows = listRows(list);

  const onError = (e: unknown) => message.error(isApiError(e) ? e.message : t('common.networkError'));
  const open = (n: NotificationView) => {
    if (!n.readAt) mark.mutate({ ids: [n.id] }, { onError });
    if (n.link) navigate(n.link);
  };

  return (
    <div data-testid="notifications-page" style={{ maxWidth: 900 }}>
      <PageHeader
        title={t('notifications.title')}
        sub={t('notifications.sub', { n: unread })}
        extra={
          <Button
            icon={<CheckOutlined />}
            disabled={unread === 0}
            loading={mark.isPending}
            onClick={() =>
              mark.mutate({ all: true }, { onSuccess: () => message.success(t('notifications.allRead')), onError })
            }
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <div className="ty-panel" style={{ padding: 0 }}>
        <div style={{ padding: 12, borderBottom: '1px solid #f0f0f0' }}>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setParams(v === 'unread' ? { unread: '1' } : {}, { replace: true })}
            options={[
              { value: 'all', label: t('notifications.filterAll') },
              { value: 'unread', label: t('notifications.filterUnread', { n: unread }) },
            ]}
            aria-label={t('notifications.filter')}
          />
        </div>
        {list.isPending ? (
          <Spin className="ty-page-spin" />
        ) : list.error && !list.data ? (
          <div style={{ padding: 12 }}>
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : rows.length === 0 ? (
          <ListEmpty
            style={{ padding: '40px 0' }}
            description={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}
          />
        ) : (
          <div data-testid="notification-list">
            {rows.map((n) => (
              <NotificationItem
                key={n.id}
                n={n}
                onOpen={open}
                onMarkRead={(x) => mark.mutate({ ids: [x.id] }, { onError })}
              />
            ))}
          </div>
        )}
        {rows.length > 0 && <ListFooter query={list} noMore style={{ padding: '0 12px 12px' }} />}
      </div>
    </div>
  );
}
