import { useState } from 'react';
import { DatePicker, Input, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AUDIT_ACTIONS, ENTITY_TYPES, type AuditView } from '@touyan/schemas';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useDictOptions, useLabel, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { AuditChanges } from './AuditChanges';
import { useAuditList, type AuditFilters } from './hooks';
import { UserPicker } from './UserPicker';

const ACTION_COLORS: Partial<Record<AuditView['action'], string>> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  move: 'purple',
  login_failed: 'orange',
  grant_role: 'gold',
  revoke_role: 'volcano',
};

export default function AuditPage() {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const can = usePermissions();
  const [filters, setFilters] = useState<AuditFilters>({});
  const list = useAuditList(filters);
  const set = (patch: AuditFilters) => setFilters((f) => ({ ...f, ...patch }));

  const columns: ColumnsType<AuditView> = [
    { title: t('audit.time'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.user'),
      dataIndex: 'userName',
      width: 120,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 110,
      render: (a: AuditView['action']) => <Tag color={ACTION_COLORS[a]}>{label(AUDIT_ACTIONS, a)}</Tag>,
    },
    {
      title: t('audit.entityType'),
      dataIndex: 'entityType',
      width: 130,
      render: (v: AuditView['entityType']) => (v ? label(ENTITY_TYPES, v) : '—'),
    },
    {
      title: t('audit.entity'),
      dataIndex: 'entityLabel',
      width: 220,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <div>
      <PageHeader title={t('audit.title')} sub={t('audit.sub')} />
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          {can('user.read') ? (
            <UserPicker value={filters.userId} onChange={(userId) => set({ userId })} />
          ) : (
            <Input.Search
              aria-label={t('audit.userIdFilter')}
              placeholder={t('audit.userIdFilter')}
              allowClear
              onSearch={(v) => set({ userId: v.trim() || undefined })}
              style={{ width: 220 }}
            />
          )}
          <Select
            aria-label={t('audit.entityType')}
            placeholder={t('audit.entityType')}
            allowClear
            value={filters.entityType}
            onChange={(entityType) => set({ entityType })}
            options={options(ENTITY_TYPES)}
            style={{ width: 160 }}
          />
          <Select
            aria-label={t('audit.action')}
            placeholder={t('audit.action')}
            allowClear
            value={filters.action}
            onChange={(action) => set({ action })}
            options={options(AUDIT_ACTIONS)}
            style={{ width: 140 }}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.dateRange')}
            placeholder={[t('audit.from'), t('audit.to')]}
            onChange={(range) =>
              set({
                from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
                to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
            style={{ width: 260 }}
          />
        </div>
        <InfiniteTable<AuditView>
          className="ty-audit-table"
          query={list}
          columns={columns}
          scroll={{ x: 900 }}
          expandable={{
            expandedRowRender: (r) => <AuditChanges entry={r} />,
            rowExpandable: (r) => r.changes.length > 0,
          }}
        />
      </div>
    </div>
  );
}
