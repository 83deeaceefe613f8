import { useState } from 'react';
import { Alert, App, Button, Space } from 'antd';
import { MobileOutlined, ProfileOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { CONTEST_STATUS_CODES, CONTEST_STATUSES, type ContestListItem, type ContestStatus } from '@touyan/schemas';
import { CreateButton } from '../../components/list-kit/CreateButton';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { StatusSegmented, useStatusParam } from '../../components/list-kit/StatusFilter';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { ContestFormDrawer } from './ContestFormDrawer';
import { ContestStatusTag } from './display';
import { useContestList } from './hooks';
import './contests.css';

export default function ContestsPage() {
  const t = useT();
  const can = usePermissions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [status, setStatus] = useStatusParam<ContestStatus>();
  const list = useContestList(status);
  const [creating, setCreating] = useState(false);
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
              <CreateButton onClick={() => setCreating(true)} data-testid="create-contest">
                {t('contests.create')}
              </CreateButton>
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
          <StatusSegmented value={status} onChange={setStatus} dict={CONTEST_STATUSES} codes={CONTEST_STATUS_CODES} />
        </div>
        <InfiniteTable<ContestListItem>
          query={list}
          onRow={(r) => ({ onClick: () => navigate(`/contests/${r.id}`), className: 'ty-ct-clickable' })}
          empty={t('contests.empty')}
          footer={{ noMore: 'secondary' }}
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
