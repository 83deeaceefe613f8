import { useState } from 'react';
import { Alert, App, Button, Empty, Segmented, Space, Table, Typography } from 'antd';
import { MobileOutlined, PlusOutlined, ProfileOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CONTEST_STATUS_CODES, CONTEST_STATUSES, type ContestListItem, type ContestStatus } from '@touyan/schemas';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { ContestFormDrawer } from './ContestFormDrawer';
import { ContestStatusTag } from './display';
import { useContestList } from './hooks';
import './contests.css';

export default function ContestsPage() {
  const t = useT();
  const label = useLabel();
  const can = usePermissions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as ContestStatus | null) ?? undefined;
  const list = useContestList(status);
  const [creating, setCreating] = useState(false);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const manager = can('contest.manage');

  return (
    <div>
      <PageHeader
        title={t('contests.title')}
        sub={t('contests.sub')}
        extra={
          manager && (
            <Space wrap>
              <Link to="/contests/rubric-templates">
                <Button icon={<ProfileOutlined />} data-testid="rubric-templates">
                  {t('contests.tpl.manage')}
                </Button>
              </Link>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-contest"
              >
                {t('contests.create')}
              </Button>
            </Space>
          )
        }
      />
      {!manager && can('contest.score') && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('contests.judgeEntryHint')}
          action={
            <Link to="/judge">
              <Button type="primary" icon={<MobileOutlined />}>
                {t('contests.judgeEntry')}
              </Button>
            </Link>
          }
        />
      )}
      <div className="ty-panel">
        <div className="ty-filters">
          <Segmented<string>
            value={status ?? 'all'}
            onChange={(v) => setParams(v === 'all' ? {} : { status: v }, { replace: true })}
            options={[
              { value: 'all', label: t('common.all') },
              ...CONTEST_STATUS_CODES.map((s) => ({ value: s, label: label(CONTEST_STATUSES, s) })),
            ]}
          />
        </div>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<ContestListItem>
              rowKey="id"
              size="middle"
              dataSource={rows}
              loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(r) => ({ onClick: () => navigate(`/contests/${r.id}`), className: 'ty-ct-clickable' })}
              locale={{ emptyText: <Empty description={t('contests.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                {
                  title: t('contests.col.name'),
                  dataIndex: 'name',
                  render: (v: string, r) => (
                    <Link to={`/contests/${r.id}`} onClick={(e) => e.stopPropagation()}>
                      {v}
                    </Link>
                  ),
                },
                { title: t('contests.col.campaign'), dataIndex: 'campaignName', responsive: ['lg'] },
                { title: t('contests.col.date'), dataIndex: 'contestDate', width: 110 },
                { title: t('contests.col.venue'), dataIndex: 'venue', responsive: ['md'] },
                { title: t('contests.col.projects'), dataIndex: 'projectCount', width: 90, align: 'right' },
                { title: t('contests.col.judges'), dataIndex: 'judgeCount', width: 80, align: 'right' },
                {
                  title: t('contests.col.status'),
                  dataIndex: 'status',
                  width: 110,
                  render: (s: ContestStatus) => <ContestStatusTag status={s} />,
                },
              ]}
            />
            <div className="ty-list-footer">
              <span>{t('common.shown', { n: rows.length })}</span>
              {list.hasNextPage ? (
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('common.loadMore')}
                </Button>
              ) : (
                rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
              )}
            </div>
          </>
        )}
      </div>
      <ContestFormDrawer
        open={creating}
        contest={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          void message.success(t('contests.created', { name: c.name }));
          navigate(`/contests/${c.id}`);
        }}
      />
    </div>
  );
}
