import { Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { GigPushView } from '@touyan/schemas';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { useRouteList } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useT } from '../../i18n';
import { AreaFilter, exportHref, FairFilter, JobFilter, MonthFilter, PeriodNote, useUrlFilters } from './listFilters';

const FILTERS = { orgId: 'id', from: 'date', to: 'date', jobId: 'id', fairId: 'id' } as const;

/**
 * 岗位推送记录: the push records in the staff's area, filtered by area, month (or a figure's period),
 * job and fair in the address, with the total — what the 推送岗位人次 figure counts — and the export.
 */
export default function GigPushesPage() {
  const t = useT();
  const { filters, set } = useUrlFilters(FILTERS);
  const list = useRouteList({
    queryKey: ['gigs', 'pushes', filters],
    path: '/gig-pushes',
    query: filters,
    limit: 50,
    withTotal: true,
  });
  const columns: ColumnsType<GigPushView> = [
    { title: t('gl.pushedAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('gl.job'), dataIndex: 'jobTitle', width: 160 },
    { title: t('gl.worker'), dataIndex: 'workerName', width: 100 },
    { title: t('gl.score'), dataIndex: 'score', width: 80, align: 'right' },
    { title: t('gl.reasons'), dataIndex: 'summary', ellipsis: true },
    {
      title: t('gl.channels'),
      width: 140,
      render: (_: unknown, p) => (
        <Space size={4}>
          {p.inApp && <Tag color="blue">{t('gl.inApp')}</Tag>}
          {p.sms && <Tag color="green">{t('gl.sms')}</Tag>}
          {!p.inApp && !p.sms && <Typography.Text type="secondary">{t('gl.recordOnly')}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('gl.trigger'),
      dataIndex: 'trigger',
      width: 100,
      render: (v: 'publish' | 'daily') => t(v === 'publish' ? 'gl.trigger.publish' : 'gl.trigger.daily'),
    },
  ];
  return (
    <div data-testid="gig-pushes-page">
      <PageHeader
        title={t('gl.pushesTitle')}
        sub={t('gl.pushesSub')}
        extra={
          <Button href={exportHref('/gig-pushes/export.xlsx', filters)} data-testid="gig-pushes-export">
            {t('gl.export')}
          </Button>
        }
      />
      <PeriodNote from={filters.from} to={filters.to} onClear={() => set({ from: undefined, to: undefined })} />
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <AreaFilter value={filters.orgId} onChange={(orgId) => set({ orgId })} />
          <MonthFilter from={filters.from} to={filters.to} onChange={(from, to) => set({ from, to })} />
          <JobFilter value={filters.jobId} onChange={(jobId) => set({ jobId })} />
          <FairFilter value={filters.fairId} onChange={(fairId) => set({ fairId })} />
        </div>
        <InfiniteTable<GigPushView>
          query={list}
          columns={columns}
          footer={{ total: true, countTestId: 'gig-pushes-count' }}
          scroll={{ x: 1000 }}
        />
      </div>
    </div>
  );
}
