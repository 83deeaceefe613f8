import type { ReactNode } from 'react';
import { Card, List, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { HomeView } from '@touyan/schemas';
import { formatDateTime } from '../../components/time';
import { useT } from '../../i18n';

/** A card title with the theme's red accent. */
export const accent = (text: ReactNode) => <span className="ty-accent-title">{text}</span>;

/**
 * One to-do figure: a count that links to the list it counts (or, where no list page exists, to the
 * list further down the home), with a line saying what is counted.
 */
export function TodoTile({
  title,
  value,
  hint,
  to,
  href,
  alert,
  testId,
}: {
  title: string;
  value: number;
  hint: string;
  /** An address in the app (the filtered list). */
  to?: string;
  /** An anchor on this page. */
  href?: string;
  /** Draw the figure in red (something is overdue). */
  alert?: boolean;
  testId: string;
}) {
  const body = (
    <>
      <div className="ty-home-tile-title">{title}</div>
      <div
        className={`ty-home-tile-value${value === 0 ? ' is-zero' : alert ? ' is-alert' : ''}`}
        data-testid={`${testId}-value`}
      >
        {value}
      </div>
      <div className="ty-home-tile-hint">{hint}</div>
    </>
  );
  if (to)
    return (
      <Link to={to} className="ty-home-tile" data-testid={testId}>
        {body}
      </Link>
    );
  if (href)
    return (
      <a href={href} className="ty-home-tile" data-testid={testId}>
        {body}
      </a>
    );
  return (
    <div className="ty-home-tile" data-testid={testId}>
      {body}
    </div>
  );
}

/** The user's unread notifications (everyone's home has them). */
export function NotificationsCard({ data }: { data: HomeView['notifications'] }) {
  const t = useT();
  return (
    <Card
      size="small"
      variant="borderless"
      title={
        <Space size={6}>
          <BellOutlined />
          {accent(t('home.notifications'))}
          {data.unread > 0 && (
            <Tag color="red" bordered={false} data-testid="home-unread">
              {data.unread}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Link to={data.unread > 0 ? '/notifications?unread=1' : '/notifications'}>{t('home.notifications.all')}</Link>
      }
      data-testid="home-notifications"
    >
      <List
        size="small"
        dataSource={data.items}
        locale={{ emptyText: t('home.notifications.none') }}
        renderItem={(n) => (
          <List.Item className="ty-home-item">
            <div className="ty-home-item-main">
              {n.link ? <Link to={n.link}>{n.title}</Link> : <Typography.Text>{n.title}</Typography.Text>}
              <Typography.Text type="secondary" className="ty-home-item-sub">
                {formatDateTime(n.createdAt)}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
