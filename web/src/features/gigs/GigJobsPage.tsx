import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  formatPay,
  gigJobCreateBody,
  GIG_JOB_STATUSES,
  GIG_KIND_CODES,
  GIG_KINDS,
  GIG_PAY_UNIT_CODES,
  GIG_PAY_UNITS,
  GIG_SKILL_CODES,
  GIG_SKILLS,
  GIG_INTENTION_STATUSES,
  type GigIntentionView,
  type GigJobStatus,
  type GigJobView,
  type GigMatchView,
} from '@touyan/schemas';
import { PageHeader } from '../../components/PageHeader';
import { parseForm } from '../../components/forms';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useLabel, useLocale, useT } from '../../i18n';
import { useApplicants, useCreateJob, useDecide, useGigJobs, useJobAction, useMatches } from './hooks';

const STATUS_COLORS: Record<GigJobStatus, string> = {
  pending: 'orange',
  open: 'green',
  rejected: 'red',
  closed: 'default',
};

function JobForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const [form] = Form.useForm();
  const create = useCreateJob();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const submit = async () => {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const body = parseForm(
      gigJobCreateBody,
      { ...v, payFen: typeof v.payYuan === 'number' ? Math.round(v.payYuan * 100) : undefined },
      form,
      locale,
    );
    if (!body) return;
    create.mutate(body, {
      onSuccess: (job) => {
        message.success(job.status === 'pending' ? t('gj.pending') : t('gj.created'));
        form.resetFields();
        onClose();
      },
      onError: (e) => onError(e, { form }),
    });
  };
  return (
    <Modal
      open={open}
      title={t('gj.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'general',
          payUnit: 'day',
          weekdays: [1, 2, 3, 4, 5],
          dayStart: '08:00',
          dayEnd: '17:00',
          skills: [],
          headcount: 5,
          regionCode: '',
        }}
      >
        <Form.Item name="title" label={t('gj.titleField')} required>
          <Input maxLength={60} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('gj.kind')}>
            <Select
              style={{ width: 140 }}
              options={GIG_KIND_CODES.map((k) => ({ value: k, label: label(GIG_KINDS, k) }))}
            />
          </Form.Item>
          <Form.Item name="payYuan" label={t('gj.payYuan')} required>
            <InputNumber min={0.01} step={10} />
          </Form.Item>
          <Form.Item name="payUnit" label={t('gj.payUnit')}>
            <Select
              style={{ width: 120 }}
              options={GIG_PAY_UNIT_CODES.map((u) => ({ value: u, label: label(GIG_PAY_UNITS, u) }))}
            />
          </Form.Item>
          <Form.Item name="headcount" label={t('gj.headcount')}>
            <InputNumber min={1} max={10000} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="regionCode" label={t('gj.region')} required>
            <Input maxLength={6} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="lat" label={t('gj.lat')}>
            <InputNumber step={0.001} />
          </Form.Item>
          <Form.Item name="lng" label={t('gj.lng')}>
            <InputNumber step={0.001} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('gj.address')} required>
          <Input maxLength={120} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startOn" label={t('gj.startOn')} required>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="endOn" label={t('gj.endOn')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="closingOn" label={t('gj.closingOn')} required>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="weekdays" label={t('gj.weekdays')}>
            <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: String(d) }))} />
          </Form.Item>
          <Form.Item name="dayStart" label={t('gj.dayStart')}>
            <Input style={{ width: 90 }} maxLength={5} />
          </Form.Item>
          <Form.Item name="dayEnd" label={t('gj.dayEnd')}>
            <Input style={{ width: 90 }} maxLength={5} />
          </Form.Item>
        </Space>
        <Form.Item name="skills" label={t('gj.skills')}>
          <Select mode="multiple" options={GIG_SKILL_CODES.map((s) => ({ value: s, label: label(GIG_SKILLS, s) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label={t('gj.contactName')} required>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('gj.contactPhone')} required>
            <Input maxLength={11} />
          </Form.Item>
          <Form.Item name="hostOrgId" label={t('gj.hostOrgId')}>
            <Input style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('gj.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Applicants({ job }: { job: GigJobView }) {
  const t = useT();
  const label = useLabel();
  const list = useApplicants(job.id);
  const decide = useDecide();
  const onError = useApiErrorHandler();
  const columns: ColumnsType<GigIntentionView> = [
    { title: t('gj.worker'), dataIndex: 'workerName', width: 90 },
    { title: t('gj.mobile'), dataIndex: 'mobile', width: 120 },
    { title: t('gj.score'), dataIndex: 'score', width: 70 },
    { title: t('gj.reasons'), dataIndex: 'summary' },
    {
      title: t('gj.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: GigIntentionView['status']) => label(GIG_INTENTION_STATUSES, s),
    },
    {
      title: t('gj.actions'),
      width: 150,
      render: (_: unknown, i) =>
        i.abilities.includes('decide') && (
          <Space>
            <Button
              size="small"
              type="primary"
              data-testid="gig-hire"
              onClick={() =>
                decide.mutate(
                  { id: i.id, body: { outcome: 'hired', note: null, version: i.version } },
                  { onError: (e) => onError(e) },
                )
              }
            >
              {t('gj.hire')}
            </Button>
            <Button
              size="small"
              onClick={() =>
                decide.mutate(
                  { id: i.id, body: { outcome: 'not_hired', note: null, version: i.version } },
                  { onError: (e) => onError(e) },
                )
              }
            >
              {t('gj.notHire')}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <Table
      rowKey="id"
      size="small"
      loading={list.isPending}
      dataSource={list.data?.items ?? []}
      columns={columns}
      pagination={false}
    />
  );
}

function Matches({ job }: { job: GigJobView }) {
  const t = useT();
  const list = useMatches(job.id);
  const columns: ColumnsType<GigMatchView> = [
    { title: t('gj.worker'), dataIndex: 'workerName', width: 90 },
    { title: t('gj.score'), dataIndex: 'score', width: 70 },
    { title: t('gj.reasons'), dataIndex: 'summary' },
    { title: t('gj.pushed'), dataIndex: 'pushedAt', width: 80, render: (v: string | null) => (v ? '✓' : '') },
  ];
  return (
    <Table
      rowKey="workerId"
      size="small"
      loading={list.isPending}
      dataSource={list.data?.items ?? []}
      columns={columns}
      pagination={false}
    />
  );
}

/** 零工岗位 (admin app): an employer's own jobs, or staff's over their region; approval, applicants, matches. */
export default function GigJobsPage() {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const [status, setStatus] = useState<GigJobStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<GigJobView | null>(null);
  const [rejecting, setRejecting] = useState<GigJobView | null>(null);
  const [reason, setReason] = useState('');
  const list = useGigJobs({ limit: '100', ...(status ? { status } : {}) });
  const act = useJobAction();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const run = (j: GigJobView, action: 'approve' | 'close' | 'reopen') =>
    act.mutate(
      { id: j.id, action, body: { version: j.version } },
      { onSuccess: () => message.success(t('gj.done')), onError: (e) => onError(e) },
    );
  const columns: ColumnsType<GigJobView> = [
    {
      title: t('gj.job'),
      dataIndex: 'title',
      render: (v: string, j) => (
        <Typography.Link onClick={() => setOpen(j)} data-testid="gig-job-title">
          {v}
        </Typography.Link>
      ),
    },
    { title: t('gj.employer'), dataIndex: 'hostOrgName', width: 200 },
    { title: t('gj.kind'), dataIndex: 'kind', width: 70, render: (k: GigJobView['kind']) => label(GIG_KINDS, k) },
    { title: t('gj.pay'), width: 110, render: (_: unknown, j) => formatPay(j.payFen, j.payUnit, locale) },
    {
      title: t('gj.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: GigJobStatus) => <Tag color={STATUS_COLORS[s]}>{label(GIG_JOB_STATUSES, s)}</Tag>,
    },
    { title: t('gj.hired'), width: 90, render: (_: unknown, j) => `${j.hiredCount} / ${j.headcount}` },
    { title: t('gj.intentions'), dataIndex: 'intentionCount', width: 70 },
    { title: t('gj.pushes'), dataIndex: 'pushCount', width: 70 },
    { title: t('gj.closingOn'), dataIndex: 'closingOn', width: 110 },
    {
      title: t('gj.actions'),
      width: 200,
      render: (_: unknown, j) => (
        <Space size={4} wrap>
          {j.abilities.includes('approve') && (
            <Button size="small" type="primary" onClick={() => run(j, 'approve')}>
              {t('gj.approve')}
            </Button>
          )}
          {j.abilities.includes('reject') && (
            <Button size="small" danger onClick={() => setRejecting(j)}>
              {t('gj.reject')}
            </Button>
          )}
          {j.abilities.includes('close') && (
            <Popconfirm title={t('gj.close')} onConfirm={() => run(j, 'close')}>
              <Button size="small">{t('gj.close')}</Button>
            </Popconfirm>
          )}
          {j.abilities.includes('reopen') && (
            <Button size="small" onClick={() => run(j, 'reopen')}>
              {t('gj.reopen')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <div data-testid="gig-jobs-page">
      <PageHeader
        title={t('gj.title')}
        sub={t('gj.sub')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} data-testid="gig-new">
            {t('gj.new')}
          </Button>
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <Select<GigJobStatus | ''>
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: t('gj.all') },
            ...(Object.keys(GIG_JOB_STATUSES) as GigJobStatus[]).map((s) => ({
              value: s,
              label: label(GIG_JOB_STATUSES, s),
            })),
          ]}
        />
      </Space>
      <Table
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1100 }}
      />
      <JobForm open={creating} onClose={() => setCreating(false)} />
      <Drawer open={!!open} width={860} title={open?.title} onClose={() => setOpen(null)} destroyOnHidden>
        {open && (
          <Tabs
            items={[
              { key: 'applicants', label: t('gj.applicants'), children: <Applicants job={open} /> },
              ...(open.abilities.includes('matches')
                ? [{ key: 'matches', label: t('gj.matches'), children: <Matches job={open} /> }]
                : []),
            ]}
          />
        )}
      </Drawer>
      <Modal
        open={!!rejecting}
        title={t('gj.reject')}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setRejecting(null)}
        onOk={() =>
          rejecting &&
          act.mutate(
            { id: rejecting.id, action: 'reject', body: { version: rejecting.version, reason: reason.trim() } },
            { onSuccess: () => setRejecting(null), onError: (e) => onError(e) },
          )
        }
      >
        <Input.TextArea
          placeholder={t('gj.rejectReason')}
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </div>
  );
}
