import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  IMPORT_MODES,
  IMPORT_ROW_ERRORS,
  IMPORT_STATUSES,
  type HostOrgImportView,
  type ImportMode,
  type ImportRowError,
} from '@touyan/schemas';
import { api, uploadFile } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import { useMe } from '../auth/hooks';
import { useIsMobile } from '../../components/useIsMobile';
import { hostOrgKeys } from './hooks';

const RUNNING = new Set(['queued', 'validating', 'committing']);

/**
 * 导入台账: upload an .xlsx → the dry run's progress (polled) → the bad rows with their reasons →
 * commit in the chosen mode (all or nothing / valid rows only) → the counts.
 */
export function ImportDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const [locale] = useLocale();
  const { data: me } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [id, setId] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('valid_only');
  const [uploading, setUploading] = useState(false);
  const [committing, setCommitting] = useState(false);

  const imp = useQuery({
    queryKey: ['host-org-import', id],
    enabled: !!id,
    queryFn: () => api.get('/host-orgs/imports/:id', { params: { id: id! } }),
    refetchInterval: (q) => (q.state.data && RUNNING.has(q.state.data.status) ? 1000 : false),
  });
  const view = imp.data;
  const errors = useQuery({
    queryKey: ['host-org-import-errors', id, view?.status],
    enabled: !!id && !!view && view.errorCount > 0 && !RUNNING.has(view.status),
    queryFn: () => api.get('/host-orgs/imports/:id/errors', { params: { id: id! }, query: { limit: 200 } }),
  });
  const done = view?.status === 'done';
  useEffect(() => {
    if (done) void qc.invalidateQueries({ queryKey: hostOrgKeys.all });
  }, [done, qc]);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const v = await uploadFile<HostOrgImportView>('/api/host-orgs/imports', file, file.name, locale, {
        csrf: me?.csrfToken,
      });
      setId(v.id);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setUploading(false);
    }
  };

  const commit = async () => {
    if (!id) return;
    setCommitting(true);
    try {
      await api.post('/host-orgs/imports/:id/commit', { params: { id }, body: { mode } });
      await imp.refetch();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setCommitting(false);
    }
  };

  const percent = view && view.progressTotal > 0 ? Math.round((view.progressDone / view.progressTotal) * 100) : 0;
  const reasonOf = (e: ImportRowError) =>
    IMPORT_ROW_ERRORS[e.code as keyof typeof IMPORT_ROW_ERRORS]?.[locale] ?? e.message;
  // At phone width one cell says column, reason and value (four columns left the reason a word a line).
  const columns = mobile
    ? [
        { title: t('hostOrgs.import.row'), dataIndex: 'row', width: 52 },
        {
          title: t('hostOrgs.import.reason'),
          key: 'reason',
          render: (_: unknown, e: ImportRowError) => (
            <Space direction="vertical" size={0}>
              {e.column && <Typography.Text strong>{e.column}</Typography.Text>}
              <Typography.Text>{reasonOf(e)}</Typography.Text>
              {e.value && (
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240 }}>
                  {t('hostOrgs.import.value')}：{e.value}
                </Typography.Text>
              )}
            </Space>
          ),
        },
      ]
    : [
        { title: t('hostOrgs.import.row'), dataIndex: 'row', width: 70 },
        { title: t('hostOrgs.import.column'), dataIndex: 'column', width: 140 },
        {
          title: t('hostOrgs.import.reason'),
          dataIndex: 'code',
          render: (_: string, e: ImportRowError) => reasonOf(e),
        },
        { title: t('hostOrgs.import.value'), dataIndex: 'value', ellipsis: true },
      ];

  return (
    <Drawer
      open={open}
      width={760}
      title={t('hostOrgs.import.title')}
      onClose={() => {
        setId(null);
        onClose();
      }}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary">
          {t('hostOrgs.import.hint')}{' '}
          <a href="/api/host-orgs/import-template" download data-testid="host-org-template">
            {t('hostOrgs.import.template')}
          </a>
        </Typography.Paragraph>
        {!view && (
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('hostOrgs.import.drop')}</p>
          </Upload.Dragger>
        )}
        {view && (
          <>
            <Space>
              <Typography.Text strong>{view.filename}</Typography.Text>
              <Typography.Text>{IMPORT_STATUSES[view.status][locale]}</Typography.Text>
            </Space>
            {RUNNING.has(view.status) && (
              <Progress
                percent={percent}
                status="active"
                format={() => `${view.progressDone}${view.progressTotal ? ` / ${view.progressTotal}` : ''}`}
              />
            )}
            {view.status === 'failed' && <Alert type="error" showIcon message={view.failureMessage} />}
            {view.status === 'expired' && (
              <Alert
                type="warning"
                showIcon
                message={t('hostOrgs.import.expired')}
                data-testid="host-org-import-expired"
              />
            )}
            {(view.status === 'validated' || view.status === 'done') && (
              <Typography.Text data-testid="host-org-import-counts">
                {t('hostOrgs.import.counts', { total: view.total, valid: view.valid, invalid: view.invalid })}
              </Typography.Text>
            )}
            {view.status === 'done' && (
              <Alert
                type="success"
                showIcon
                message={t('hostOrgs.import.done', {
                  created: view.created,
                  updated: view.updated,
                  unchanged: view.unchanged,
                })}
              />
            )}
            {view.abilities.includes('commit') && (
              <Space>
                <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
                  {(Object.keys(IMPORT_MODES) as ImportMode[]).map((m) => (
                    <Radio key={m} value={m} disabled={m === 'all_or_nothing' && view.invalid > 0}>
                      {IMPORT_MODES[m][locale]}
                    </Radio>
                  ))}
                </Radio.Group>
                <Button type="primary" loading={committing} onClick={() => void commit()}>
                  {t('hostOrgs.import.commit')}
                </Button>
              </Space>
            )}
            {view.errorCount > 0 && (
              <Table<ImportRowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.code}`}
                loading={errors.isLoading}
                dataSource={errors.data?.items ?? []}
                columns={columns}
                pagination={{ pageSize: 20 }}
              />
            )}
            {!RUNNING.has(view.status) && <Button onClick={() => setId(null)}>{t('hostOrgs.import.again')}</Button>}
          </>
        )}
      </Space>
    </Drawer>
  );
}
