import { useState } from 'react';
import { Segmented, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { DemandStatsRow } from '@touyan/schemas';
import { useT } from '../../i18n';
import { useDemandStats } from './hooks';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const hours = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** The figures (definitions in ARCHITECTURE.md "Demand figures"), by lead department or region. */
export function DemandStats() {
  const t = useT();
  const [groupBy, setGroupBy] = useState<'department' | 'region'>('department');
  const stats = useDemandStats(groupBy, true);
  const columns: ColumnsType<DemandStatsRow> = [
    { title: t(groupBy === 'department' ? 'demands.lead' : 'demands.region'), dataIndex: 'name', width: 200 },
    { title: t('demands.total'), dataIndex: 'total', width: 80 },
    { title: t('demands.responseRate'), dataIndex: 'responseRate', width: 100, render: pct },
    { title: t('demands.resolutionRate'), dataIndex: 'resolutionRate', width: 100, render: pct },
    { title: t('demands.satisfactionRate'), dataIndex: 'satisfactionRate', width: 100, render: pct },
    { title: t('demands.hoursToReply'), dataIndex: 'meanHoursToFirstReply', width: 120, render: hours },
    { title: t('demands.hoursToResolve'), dataIndex: 'meanHoursToResolution', width: 120, render: hours },
  ];
  const rows = stats.data ? [...stats.data.rows, stats.data.total] : [];
  return (
    <div className="ty-panel" style={{ marginBottom: 16 }}>
      <Segmented
        value={groupBy}
        onChange={(v) => setGroupBy(v as 'department' | 'region')}
        options={[
          { value: 'department', label: t('demands.byDepartment') },
          { value: 'region', label: t('demands.byRegion') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Table<DemandStatsRow>
        size="small"
        rowKey={(r) => r.key || '__total'}
        loading={stats.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 820 }}
      />
    </div>
  );
}
