import { Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { GigPushView } from '@touyan/schemas';
import { useRouteList } from '../../components/list-kit/query';
import { formatDateTime } from '../../components/time';
import { useT } from '../../i18n';
import { RecordList, useUrlFilters } from './listFilters';

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
    <RecordList<GigPushView>
      testId="gig-pushes"
      title={t('gl.pushesTitle')}
      sub={t('gl.pushesSub')}
      exportPath="/gig-pushes/export.xlsx"
      filters={filters}
      set={set}
      list={list}
      columns={columns}
      scrollX={1000}
    />
  );
}
