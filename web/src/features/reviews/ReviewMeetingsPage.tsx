import { useState } from 'react';
import { App, Progress, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { MEETING_STATUSES, type MeetingListItem, type MeetingStatus } from '@touyan/schemas';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { StatusSegmented, useStatusParam } from '../../components/list-kit/StatusFilter';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { MeetingStatusTag } from './display';
import { useMeetingList } from './hooks';
import { MeetingFormDrawer } from './MeetingFormDrawer';
import './reviews.css';

export default function ReviewMeetingsPage() {
  const t = useT();
  const can = usePermissions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [status, setStatus] = useStatusParam<MeetingStatus>();
  const list = useMeetingList(status);
  const [creating, setCreating] = useState(false);

  return (
    <div>
      <PageHeader
        title={t('reviews.title')}
        sub={t('reviews.sub')}
        extra={
          can('review.manage') && (
            <CreateButton onClick={() => setCreating(true)} data-testid="create-meeting">
              {t('reviews.create')}
            </CreateButton>
          )
        }
      />
      <div className="ty-panel">
        <div className="ty-filters">
          <StatusSegmented value={status} onChange={setStatus} dict={MEETING_STATUSES} codes={['open', 'closed']} />
        </div>
        <InfiniteTable<MeetingListItem>
          query={list}
          onRow={(r) => ({ onClick: () => navigate(`/reviews/${r.id}`), className: 'ty-rv-clickable-row' })}
          empty={t('reviews.empty')}
          footer={{ noMore: true }}
          columns={[
            {
              title: t('reviews.meetingTitle'),
              dataIndex: 'title',
              render: (title: string, r) => (
                <div className="ty-rv-meeting-cell">
                  <Link to={`/reviews/${r.id}`} onClick={(e) => e.stopPropagation()}>
                    {title}
                  </Link>
                  <Typography.Text type="secondary" className="ty-rv-meeting-sub">
                    {r.meetingDate} · {r.place}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('reviews.campaign'), dataIndex: 'campaignName', responsive: ['lg'] },
            { title: t('reviews.meetingDate'), dataIndex: 'meetingDate', responsive: ['md'], width: 110 },
            { title: t('reviews.chair'), dataIndex: 'chairName', responsive: ['md'] },
            {
              title: t('reviews.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: MeetingStatus) => <MeetingStatusTag status={s} />,
            },
            {
              title: t('reviews.col.progress'),
              key: 'progress',
              width: 150,
              responsive: ['sm'],
              render: (_, r) =>
                r.abilities.includes('seeAll') || r.status === 'closed' ? (
                  <div className="ty-rv-progress-cell">
                    <Progress
                      percent={r.itemCount ? Math.round((r.decidedCount / r.itemCount) * 100) : 0}
                      size="small"
                      showInfo={false}
                    />
                    <span>{t('reviews.progress', { decided: r.decidedCount, total: r.itemCount })}</span>
                  </div>
                ) : (
                  <span>
                    {r.itemCount} {t('reviews.items')}
                  </span>
                ),
            },
            {
              title: t('reviews.col.mine'),
              key: 'mine',
              width: 120,
              render: (_, r) =>
                r.judgedByMe === null ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  <Typography.Text type={r.judgedByMe < r.itemCount && r.status === 'open' ? 'warning' : undefined}>
                    {t('reviews.myProgress', { n: r.judgedByMe, total: r.itemCount })}
                  </Typography.Text>
                ),
            },
          ]}
        />
      </div>
      <MeetingFormDrawer
        open={creating}
        meeting={null}
        onClose={() => setCreating(false)}
        onSaved={(m) => {
          message.success(t('reviews.created', { name: m.title }));
          navigate(`/reviews/${m.id}`);
        }}
      />
    </div>
  );
}
