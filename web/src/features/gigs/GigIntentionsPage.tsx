import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  GIG_INTENTION_STATUS_CODES,
  GIG_INTENTION_STATUSES,
  type GigIntentionStatus,
  type GigIntentionView,
} from '@touyan/schemas';
import { useRouteList } from '../../components/list-kit/query';
import { formatDateTime } from '../../components/time';
import { useLabel, useT } from '../../i18n';
import { DictFilter, RecordList, useUrlFilters } from './listFilters';

const FILTERS = {
  orgId: 'id',
  from: 'date',
  to: 'date',
  status: GIG_INTENTION_STATUS_CODES,
  jobId: 'id',
  fairId: 'id',
} as const;

export const INTENTION_COLORS: Record<GigIntentionStatus, string> = {
  applied: 'blue',
  hired: 'green',
  not_hired: 'red',
  withdrawn: 'default',
};

/**
 * 求职意向: the intentions on the jobs the caller manages (staff's area, an employer's own), filtered
 * in the address by area, month (or a figure's period), status, job and fair, with the total — what
 * the 求职意向 and 录用 figures count — and the export.
 */
export default function GigIntentionsPage() {
  const t = useT();
  const label = useLabel();
  const { filters, set } = useUrlFilters(FILTERS);
  const list = useRouteList({
    queryKey: ['gigs', 'intentions', 'list', filters],
    path: '/gig-intentions',
    query: filters as { status?: GigIntentionStatus },
    limit: 50,
    withTotal: true,
  });
  const columns: ColumnsType<GigIntentionView> = [
    { title: t('gl.registeredAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: t('gl.job'), dataIndex: 'jobTitle', width: 130, ellipsis: true },
    { title: t('gl.employer'), dataIndex: 'hostOrgName', width: 170, ellipsis: true },
    { title: t('gl.worker'), dataIndex: 'workerName', width: 80 },
    { title: t('gl.mobile'), dataIndex: 'mobile', width: 120 },
    { title: t('gl.score'), dataIndex: 'score', width: 70, align: 'right' },
    { title: t('gl.reasons'), dataIndex: 'summary', ellipsis: true },
    {
      title: t('gl.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: GigIntentionStatus) => <Tag color={INTENTION_COLORS[v]}>{label(GIG_INTENTION_STATUSES, v)}</Tag>,
    },
    {
      title: t('gl.atFairShort'),
      dataIndex: 'fairId',
      width: 70,
      render: (v: string | null) => (v ? <Tag>{t('gl.atFairShort')}</Tag> : null),
    },
  ];
  return (
    <RecordList<GigIntentionView>
      testId="gig-intentions"
      title={t('gl.intentionsTitle')}
      sub={t('gl.intentionsSub')}
      exportPath="/gig-intentions/export.xlsx"
      filters={filters}
      set={set}
      own={
        <DictFilter
          dict={GIG_INTENTION_STATUSES}
          value={filters.status}
          onChange={(status) => set({ status })}
          placeholder={t('gl.status')}
          width={110}
        />
      }
      list={list}
      columns={columns}
      scrollX={1100}
    />
  );
}
