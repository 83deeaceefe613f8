import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import {
  PASS_VERDICT_LABELS,
  WORKER_PLATFORMS,
  type CompoundView,
  type PassStatus,
  type PassVerdict,
  type PassView,
  type WorkerPlatform,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useLocale, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { CompoundDrawer } from './CompoundDrawer';

const STATUS_COLOR: Record<PassStatus, string> = { active: 'green', expired: 'default', revoked: 'red' };
const keys = { all: ['passes'] as const };
const day = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '');

function IssueModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm();
  const workers = useQuery({
    queryKey: ['passes', 'verified-workers'],
    queryFn: () => api.get('/workers', { query: { status: 'verified', limit: 200 } }),
    enabled: open,
  });
  const compounds = useQuery({
    queryKey: ['passes', 'pilot-compounds'],
    queryFn: () => api.get('/compounds', { query: { pilot: '1', limit: 200 } }),
    enabled: open,
  });
  const issue = useMutation({
    mutationFn: (v: { workerId: string; compoundIds?: string[]; expiresOn: dayjs.Dayjs }) =>
      api.post('/passes', {
        body: {
          workerId: v.workerId,
          scope: v.compoundIds?.length ? 'list' : 'all',
          compoundIds: v.compoundIds ?? [],
          expiresOn: v.expiresOn.format('YYYY-MM-DD'),
        },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
      form.resetFields();
      onClose();
    },
    onError: (e) => onError(e, { form }),
  });
  return (
    <Modal
      open={open}
      title={t('passes.issue')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={issue.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => issue.mutate(v)}
        initialValues={{ expiresOn: dayjs().add(1, 'year').subtract(1, 'day') }}
      >
        <Form.Item name="workerId" label={t('passes.worker')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={workers.isPending}
            options={(workers.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.mobileMasked}）` }))}
          />
        </Form.Item>
        <Form.Item name="compoundIds" label={t('passes.compoundIds')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('passes.expiresOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PassesTab() {
  const t = useT();
  const label = useLabel();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const { modal } = App.useApp();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<PassStatus | undefined>((params.get('status') as PassStatus) || undefined);
  const [q, setQ] = useState('');
  const [issuing, setIssuing] = useState(false);
  const can = usePermissions();
  // The dashboards' figures open this list over an area and dates (小哥码 panel): kept from the address.
  const [area, setArea] = useState(() => {
    const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(k) ?? '') ? params.get(k)! : undefined);
    const orgId = params.get('orgId') ?? '';
    return {
      orgId: /^[0-9A-Za-z_-]{10,40}$/.test(orgId) ? orgId : undefined,
      validOn: date('validOn'),
      issuedFrom: date('issuedFrom'),
      issuedTo: date('issuedTo'),
    };
  });
  const areaSet = !!(area.orgId || area.validOn || area.issuedFrom || area.issuedTo);
  const list = useQuery({
    queryKey: ['passes', 'list', status, q, area],
    queryFn: () => api.get('/passes', { query: { status, q: q || undefined, ...area, limit: 200, withTotal: '1' } }),
  });
  const act = useMutation({
    mutationFn: (
      a: { pass: PassView; kind: 'revoke'; reason: string } | { pass: PassView; kind: 'renew'; expiresOn: string },
    ) =>
      a.kind === 'revoke'
        ? api.post('/passes/:id/revoke', {
            params: { id: a.pass.id },
            body: { reason: a.reason, version: a.pass.version },
          })
        : api.post('/passes/:id/renew', {
            params: { id: a.pass.id },
            body: { expiresOn: a.expiresOn, version: a.pass.version },
          }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
    onError: (e) => onError(e, { onReload: () => void list.refetch() }),
  });
  const revoke = (pass: PassView) => {
    let reason = '';
    modal.confirm({
      title: `${t('passes.revoke')}：${pass.workerName}`,
      content: (
        <Input.TextArea
          data-testid="revoke-reason"
          placeholder={t('passes.revokeReason')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: () => act.mutateAsync({ pass, kind: 'revoke', reason }),
    });
  };
  const renew = (pass: PassView) =>
    act.mutate({ pass, kind: 'renew', expiresOn: dayjs().add(1, 'year').subtract(1, 'day').format('YYYY-MM-DD') });
  const columns: ColumnsType<PassView> = [
    { title: t('passes.worker'), dataIndex: 'workerName', width: 110 },
    {
      title: t('passes.platform'),
      dataIndex: 'platform',
      width: 90,
      render: (v: string) => label(WORKER_PLATFORMS, v as WorkerPlatform),
    },
    {
      title: t('passes.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: PassStatus, r) => (
        <Tag color={STATUS_COLOR[v]} title={r.revokeReason ?? undefined}>
          {t(`passes.status.${v}`)}
        </Tag>
      ),
    },
    {
      title: t('passes.scope'),
      key: 'scope',
      render: (_, r) => (r.scope === 'all' ? t('passes.all') : r.compounds.map((c) => c.name).join('、')),
    },
    { title: t('passes.expiresAt'), dataIndex: 'expiresAt', width: 110, render: day },
    { title: t('passes.device'), dataIndex: 'deviceRegistered', width: 90, render: (v: boolean) => (v ? '✓' : '') },
    {
      title: '',
      key: 'actions',
      width: 130,
      render: (_, r) => (
        <Space>
          {r.abilities.includes('renew') && <a onClick={() => renew(r)}>{t('passes.renew')}</a>}
          {r.abilities.includes('revoke') && (
            <a onClick={() => revoke(r)} data-testid="pass-revoke">
              {t('passes.revoke')}
            </a>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      {areaSet && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="passes-dashboard-filter"
          message={
            area.validOn
              ? t('passes.filter.validOn', { date: area.validOn })
              : t('passes.filter.issued', { from: area.issuedFrom ?? '…', to: area.issuedTo ?? '…' })
          }
          action={
            <Button
              size="small"
              onClick={() =>
                setArea({ orgId: undefined, validOn: undefined, issuedFrom: undefined, issuedTo: undefined })
              }
            >
              {t('passes.filter.clear')}
            </Button>
          }
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('passes.worker')} onSearch={setQ} style={{ width: 180 }} />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('passes.status')}
          value={status}
          onChange={setStatus}
          options={(['active', 'expired', 'revoked'] as const).map((s) => ({
            value: s,
            label: t(`passes.status.${s}`),
          }))}
        />
        {can('pass.manage') && (
          <Button type="primary" onClick={() => setIssuing(true)}>
            {t('passes.issue')}
          </Button>
        )}
      </Space>
      <Table<PassView>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 860 }}
        pagination={{ pageSize: 20, showTotal: (n) => `${list.data?.total ?? n}` }}
      />
      <IssueModal open={issuing} onClose={() => setIssuing(false)} />
    </>
  );
}

function CompoundsTab() {
  const t = useT();
  const can = usePermissions();
  const [params] = useSearchParams();
  const orgId = params.get('orgId') ?? undefined;
  const [drawer, setDrawer] = useState<{ compound: CompoundView | null } | null>(null);
  const list = useQuery({
    queryKey: ['passes', 'compounds', orgId],
    queryFn: () => api.get('/compounds', { query: { orgId, limit: 200, withTotal: '1' } }),
  });
  const columns: ColumnsType<CompoundView> = [
    { title: t('passes.compound'), dataIndex: 'name', width: 150 },
    { title: t('passes.region'), dataIndex: 'regionName', width: 100 },
    { title: t('passes.managingOrg'), dataIndex: 'managingOrgName', width: 180 },
    { title: t('passes.pilot'), dataIndex: 'pilot', width: 70, render: (v: boolean) => (v ? '✓' : '') },
    { title: t('passes.joinedOn'), dataIndex: 'joinedOn', width: 110 },
    { title: t('passes.gates'), key: 'gates', render: (_, r) => r.gates.map((g) => g.name).join('、') },
    { title: t('passes.guards'), key: 'guards', render: (_, r) => r.guards.map((g) => g.name).join('、') },
    {
      title: '',
      key: 'actions',
      width: 80,
      render: (_, r) =>
        r.abilities.includes('update') && (
          <a onClick={() => setDrawer({ compound: r })} data-testid="compound-edit">
            {t('compounds.edit')}
          </a>
        ),
    },
  ];
  return (
    <>
      {can('pass.manage') && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setDrawer({ compound: null })} data-testid="compound-create">
            {t('compounds.create')}
          </Button>
        </Space>
      )}
      <Table<CompoundView>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 980 }}
        pagination={{ pageSize: 20 }}
      />
      <CompoundDrawer open={drawer !== null} compound={drawer?.compound ?? null} onClose={() => setDrawer(null)} />
    </>
  );
}

function StatsTab() {
  const t = useT();
  const [locale] = useLocale();
  const stats = useQuery({ queryKey: ['passes', 'stats'], queryFn: () => api.get('/pass-scans/stats') });
  const d = stats.data;
  const rows = [
    { title: t('passes.compound'), dataIndex: 'label' },
    { title: t('passes.total'), dataIndex: 'total', width: 90 },
    { title: t('passes.valid'), dataIndex: 'valid', width: 90 },
  ];
  const peak = Math.max(1, ...(d?.byHour.map((h) => h.count) ?? [1]));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap size="large">
        <Statistic title={t('passes.total')} value={d?.total ?? 0} loading={stats.isPending} />
        <Link to="/passes/scans" data-testid="scan-log-link">
          {t('passes.scans')}
        </Link>
        {d?.byVerdict.map((v) => (
          <Statistic
            key={v.verdict}
            title={PASS_VERDICT_LABELS[v.verdict as PassVerdict]?.[locale] ?? v.verdict}
            value={v.count}
          />
        ))}
      </Space>
      <div>
        <h4>{t('passes.byHour')}</h4>
        <div style={{ display: 'flex', alignItems: 'flex-end', gap: 3, height: 120 }} data-testid="pass-hours">
          {d?.byHour.map((h) => (
            <div
              key={h.hour}
              title={`${t('passes.hour', { h: h.hour })}: ${h.count}`}
              style={{ flex: 1, textAlign: 'center' }}
            >
              <div style={{ height: Math.round((h.count / peak) * 100), background: '#c41d7f', borderRadius: 2 }} />
              <div style={{ fontSize: 10, color: '#888' }}>{h.hour}</div>
            </div>
          ))}
        </div>
      </div>
      <div>
        <h4>{t('passes.byCompound')}</h4>
        <Table
          rowKey="key"
          size="small"
          pagination={{ pageSize: 10 }}
          dataSource={d?.byCompound ?? []}
          columns={rows}
        />
      </div>
      <div>
        <h4>{t('passes.byGate')}</h4>
        <Table rowKey="key" size="small" pagination={{ pageSize: 10 }} dataSource={d?.byGate ?? []} columns={rows} />
      </div>
    </Space>
  );
}

/** 小哥码 (issue 12): passes with issue/renew/revoke, the pilot compounds, scan statistics. */
export default function PassesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'passes';
  return (
    <div className="ty-page">
      <PageHeader title={t('passes.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'passes', label: t('passes.tabPasses'), children: <PassesTab /> },
          { key: 'compounds', label: t('passes.tabCompounds'), children: <CompoundsTab /> },
          { key: 'stats', label: t('passes.tabStats'), children: <StatsTab /> },
        ]}
      />
    </div>
  );
}
