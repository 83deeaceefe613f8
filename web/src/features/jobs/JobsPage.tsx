import { useState } from 'react';
import { App, Button, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { JOB_STATES, type JobState, type JobView } from '@touyan/schemas';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useT, type MessageKey } from '../../i18n';
import { useJobList, useRetryJob } from './hooks';

const STATE_COLORS: Record<JobState, string> = {
  created: 'default',
  retry: 'orange',
  active: 'blue',
  completed: 'green',
  failed: 'red',
  cancelled: 'default',
};

/** Labels of the platform's jobs (server/src/background.ts); another name is shown as it is. */
const JOB_LABELS: Record<string, MessageKey> = {
  'report-reminders': 'jobs.kind.reminders',
  'upload-cleanup': 'jobs.kind.cleanup',
};

/** The system administrator's view of the background job queue: jobs by state, retry a failed one. */
export default function JobsPage() {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [state, setState] = useState<JobState>('failed');
  const list = useJobList(state);
  const retry = useRetryJob();

  const columns: ColumnsType<JobView> = [
    {
      title: t('jobs.name'),
      dataIndex: 'name',
      width: 180,
      render: (name: string) => (JOB_LABELS[name] ? t(JOB_LABELS[name]) : name),
    },
    {
      title: t('jobs.state'),
      dataIndex: 'state',
      width: 100,
      render: (s: JobState) => <Tag color={STATE_COLORS[s]}>{label(JOB_STATES, s)}</Tag>,
    },
    { title: t('jobs.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('jobs.startedAt'),
      dataIndex: 'startedAt',
      width: 150,
      render: (v: string | null) => (v ? formatDateTime(v) : '—'),
    },
    {
      title: t('jobs.completedAt'),
      dataIndex: 'completedAt',
      width: 150,
      render: (v: string | null) => (v ? formatDateTime(v) : '—'),
    },
    {
      title: t('jobs.attempts'),
      key: 'attempts',
      width: 110,
      render: (_: unknown, r) => `${r.retryCount} / ${r.retryLimit}`,
    },
    {
      title: t('jobs.progress'),
      dataIndex: 'progress',
      width: 100,
      render: (p: JobView['progress']) => (p ? `${p.done} / ${p.total}` : '—'),
    },
    {
      title: t('jobs.error'),
      dataIndex: 'error',
      ellipsis: true,
      render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
    },
    {
      title: '',
      key: 'actions',
      width: 90,
      render: (_: unknown, r) =>
        r.state === 'failed' ? (
          <Popconfirm
            title={t('jobs.retryConfirm')}
            onConfirm={() =>
              retry.mutate(r.id, {
                onSuccess: () => void message.success(t('jobs.retried')),
                onError: (e) => onError(e),
              })
            }
          >
            <Button size="small" loading={retry.isPending && retry.variables === r.id}>
              {t('jobs.retry')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <div>
      <PageHeader title={t('jobs.title')} sub={t('jobs.sub')} />
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <Select
            aria-label={t('jobs.state')}
            value={state}
            onChange={setState}
            options={options(JOB_STATES)}
            style={{ width: 160 }}
          />
          <Button onClick={() => void list.refetch()}>{t('jobs.refresh')}</Button>
        </div>
        <Table<JobView>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: list.isError ? t('common.loadFailed') : t('jobs.empty') }}
        />
      </div>
    </div>
  );
}
