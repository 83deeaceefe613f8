import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Progress, Space, Spin, Tag, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  EditOutlined,
  FileExcelOutlined,
  LockOutlined,
  PlusOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { MeetingView } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useT } from '../../i18n';
import { useCurrentUser } from '../auth/hooks';
import { AgendaItemCard } from './AgendaItemCard';
import { AgendaPickerModal } from './AgendaPickerModal';
import { MeetingStatusTag } from './display';
import { useCloseMeeting, useMeeting } from './hooks';
import { MeetingFormDrawer } from './MeetingFormDrawer';
import './reviews.css';

function useCloseAction(meeting: MeetingView | undefined) {
  const t = useT();
  const { modal, message } = App.useApp();
  const onError = useApiErrorHandler();
  const close = useCloseMeeting(meeting?.id ?? '');
  const run = () => {
    if (!meeting) return;
    const undecided = meeting.items.filter((i) => !i.decision);
    if (undecided.length) {
      modal.warning({
        title: t('reviews.closeUndecidedTitle'),
        content: (
          <div data-testid="close-undecided">
            <p>{t('reviews.closeUndecided')}</p>
            <ol className="ty-rv-undecided-list">
              {undecided.map((i) => (
                <li key={i.id}>{i.projectTitle}</li>
              ))}
            </ol>
          </div>
        ),
        okText: t('common.confirm'),
      });
      return;
    }
    const n = (d: string) => meeting.items.filter((i) => i.decision === d).length;
    modal.confirm({
      title: t('reviews.closeTitle'),
      icon: <LockOutlined />,
      content: t('reviews.closeConfirm', {
        n: meeting.items.length,
        approve: n('approve'),
        ret: n('return'),
        reject: n('reject'),
      }),
      okText: t('reviews.close'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        close.mutateAsync(meeting.version).then(
          () => void message.success(t('reviews.closedOk')),
          (e: unknown) => onError(e),
        ),
    });
  };
  return { run, pending: close.isPending };
}

export default function ReviewMeetingPage() {
  const t = useT();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { id } = useParams();
  const { data: m, isPending, error, refetch } = useMeeting(id);
  const [editing, setEditing] = useState(false);
  const [picking, setPicking] = useState(false);
  const closeAction = useCloseAction(m);

  if (isPending) return <Spin className="ty-page-spin" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} backTo="/reviews" />;

  const can = (a: string) => m.abilities.includes(a);
  const decided = m.items.filter((i) => i.decision).length;
  const judgedByMe = m.items.filter((i) => i.judgements.some((j) => j.reviewerId === me.id)).length;
  const isReviewer = m.reviewers.some((r) => r.id === me.id);
  const col = { xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 };

  return (
    <div data-testid="review-meeting">
      <PageHeader
        title={
          <Space wrap>
            <Link to="/reviews" aria-label={t('reviews.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {m.title}
            <MeetingStatusTag status={m.status} />
          </Space>
        }
        extra={
          <>
            {can('update') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {can('addItems') && (
              <Button icon={<PlusOutlined />} onClick={() => setPicking(true)} data-testid="add-items">
                {t('reviews.addItems')}
              </Button>
            )}
            {can('minutes') && (
              <>
                <Button icon={<FileExcelOutlined />} href={`/api/review-meetings/${m.id}/minutes.xlsx`}>
                  {t('reviews.exportMinutes')}
                </Button>
                <Button icon={<PrinterOutlined />} href={`/reviews/${m.id}/minutes`} target="_blank">
                  {t('reviews.printMinutes')}
                </Button>
              </>
            )}
            {can('close') && (
              <Button
                type="primary"
                danger
                icon={<LockOutlined />}
                onClick={closeAction.run}
                loading={closeAction.pending}
                data-testid="close-meeting"
              >
                {t('reviews.close')}
              </Button>
            )}
          </>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {m.status === 'closed' ? (
          <Alert
            type="success"
            showIcon
            icon={<LockOutlined />}
            message={t('reviews.lockedNotice', { at: formatDateTime(m.closedAt) })}
          />
        ) : m.chairUserId === me.id ? (
          <Alert type="info" showIcon message={t('reviews.roleChair')} />
        ) : isReviewer && can('judge') ? (
          <Alert type="info" showIcon message={t('reviews.roleReviewer')} />
        ) : null}
        <Card title={<span className="ty-accent-title">{t('reviews.info')}</span>} variant="borderless">
          <Descriptions column={col} size="small">
            <Descriptions.Item label={t('reviews.campaign')}>
              {m.campaignName}
              <Typography.Text type="secondary">（{m.campaignOrgName}）</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.meetingDate')}>{m.meetingDate}</Descriptions.Item>
            <Descriptions.Item label={t('reviews.place')}>{m.place}</Descriptions.Item>
            <Descriptions.Item label={t('reviews.chair')}>{m.chairName}</Descriptions.Item>
            <Descriptions.Item label={t('reviews.reviewers')} span={2}>
              <Space size={[4, 4]} wrap>
                {m.reviewers.map((r) => (
                  <Tag key={r.id} color={r.id === m.chairUserId ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>
                    {r.name}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.criteria')} span={3}>
              {m.criteria.map((c) => c.name).join('、')}（{t('reviews.criteriaScale')}）
            </Descriptions.Item>
            {m.note && (
              <Descriptions.Item label={t('reviews.note')} span={3}>
                <span className="ty-rv-pre">{m.note}</span>
              </Descriptions.Item>
            )}
            {m.closedAt && (
              <Descriptions.Item label={t('reviews.closedAt')}>{formatDateTime(m.closedAt)}</Descriptions.Item>
            )}
          </Descriptions>
          {m.items.length > 0 && (
            <div className="ty-rv-meeting-progress">
              {can('seeAll') && (
                <div>
                  <Typography.Text type="secondary">
                    {t('reviews.progress', { decided, total: m.items.length })}
                  </Typography.Text>
                  <Progress percent={Math.round((decided / m.items.length) * 100)} size="small" showInfo={false} />
                </div>
              )}
              {can('judge') && (
                <div>
                  <Typography.Text type="secondary">
                    {t('reviews.myProgress', { n: judgedByMe, total: m.items.length })}
                  </Typography.Text>
                  <Progress
                    percent={Math.round((judgedByMe / m.items.length) * 100)}
                    size="small"
                    showInfo={false}
                    strokeColor="#c8161d"
                  />
                </div>
              )}
            </div>
          )}
        </Card>
        <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
          {t('reviews.agenda', { n: m.items.length })}
        </Typography.Title>
        {m.items.length === 0 ? (
          <div className="ty-panel">
            <Empty description={t('reviews.agendaEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE}>
              {can('addItems') && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setPicking(true)}>
                  {t('reviews.addItems')}
                </Button>
              )}
            </Empty>
          </div>
        ) : (
          m.items.map((item) => <AgendaItemCard key={item.id} meeting={m} item={item} userId={me.id} />)
        )}
      </Space>
      <MeetingFormDrawer
        open={editing}
        meeting={m}
        onClose={() => setEditing(false)}
        onSaved={() => message.success(t('common.saved'))}
      />
      <AgendaPickerModal open={picking} meetingId={m.id} campaignId={m.campaignId} onClose={() => setPicking(false)} />
    </div>
  );
}
