import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import {
  formatPay,
  gigFairCreateBody,
  gigFairUpdateBody,
  GIG_FAIR_MODE_CODES,
  GIG_FAIR_MODES,
  GIG_FAIR_STATUS_CODES,
  GIG_FAIR_STATUSES,
  type GigFairStatus,
  type GigFairView,
  type GigJobView,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { DateInput } from '../../components/form-kit/DateInput';
import { parseForm } from '../../components/forms';
import { QrCode } from '../../components/light/QrCode';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { useRouteList } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { RegionSearchSelect } from '../../components/RegionSearchSelect';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useLocale, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { useHostOrgSearch } from '../host-orgs/hooks';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import { AreaFilter, DictFilter, MonthFilter, PeriodNote, useUrlFilters } from './listFilters';
import './gigs-admin.css';

const FILTERS = {
  q: 'text',
  status: GIG_FAIR_STATUS_CODES,
  mode: GIG_FAIR_MODE_CODES,
  orgId: 'id',
  heldFrom: 'date',
  heldTo: 'date',
} as const;

const STATUS_COLORS: Record<GigFairStatus, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

/** Employers picked by name (the host-organisation search), the chosen ones kept as options. */
function EmployersPicker({
  value,
  onChange,
  known,
  id,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  known: { hostOrgId: string; name: string }[];
  id?: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const orgs = useHostOrgSearch(q);
  const options = (orgs.data ?? []).map((h) => ({ value: h.id, label: h.name }));
  for (const k of known)
    if (!options.some((o) => o.value === k.hostOrgId)) options.push({ value: k.hostOrgId, label: k.name });
  return (
    <Select
      id={id}
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setQ}
      placeholder={t('gl.employersPick')}
      loading={orgs.isFetching}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      options={options}
      data-testid="fair-employers"
    />
  );
}

/** Create a fair, or edit one (then also its status and outcome). */
function FairForm({ fair, open, onClose }: { fair: GigFairView | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const [locale] = useLocale();
  const options = useDictOptions();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (fair)
      form.setFieldsValue({
        ...fair,
        heldOn: dayjs(fair.heldOn),
        employerIds: fair.employers.map((e) => e.hostOrgId),
      });
  }, [open, fair, form]);
  const save = useMutation({
    mutationFn: (body: unknown) =>
      fair
        ? api.patch('/gig-fairs/:id', { params: { id: fair.id }, body: body as never })
        : api.post('/gig-fairs', { body: body as never }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['gigs'] }),
  });
  const submit = () => {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const values = {
      ...v,
      heldOn: v.heldOn ? (v.heldOn as dayjs.Dayjs).format('YYYY-MM-DD') : undefined,
      address: v.address || null,
      description: v.description || null,
      outcome: v.outcome || null,
      ...(fair ? { version: fair.version } : {}),
    };
    const body = fair
      ? parseForm(gigFairUpdateBody, values, form, locale)
      : parseForm(gigFairCreateBody, values, form, locale);
    if (!body) return;
    save.mutate(body, {
      onSuccess: () => {
        message.success(t('gl.saved'));
        onClose();
      },
      onError: (e) => onError(e, { form }),
    });
  };
  return (
    <Drawer
      open={open}
      width={640}
      title={fair ? t('gl.fairEdit') : t('gl.fairNew')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={save.isPending} onClick={submit} data-testid="fair-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: 'onsite', startTime: '09:00', endTime: '12:00', employerIds: [], lat: null, lng: null }}
      >
        <Form.Item name="title" label={t('gl.fairTitle')} required>
          <Input maxLength={60} data-testid="fair-title" />
        </Form.Item>
        <Form.Item name="mode" label={t('gl.mode')}>
          <Radio.Group options={options(GIG_FAIR_MODES)} optionType="button" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="heldOn" label={t('gl.heldOn')} required style={{ width: 180 }}>
            <DateInput />
          </Form.Item>
          <Form.Item name="startTime" label={t('gl.startTime')} required>
            <Input style={{ width: 100 }} placeholder="09:00" />
          </Form.Item>
          <Form.Item name="endTime" label={t('gl.endTime')} required>
            <Input style={{ width: 100 }} placeholder="12:00" />
          </Form.Item>
        </Space>
        <Form.Item name="organiserOrgId" label={t('gl.organiser')} required>
          <PartyOrgTreeSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('gl.region')} required>
          <RegionSearchSelect />
        </Form.Item>
        <Form.Item name="address" label={t('gl.address')}>
          <Input maxLength={120} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="lat" label={t('gl.lat')}>
            <InputNumber min={-90} max={90} step={0.001} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="lng" label={t('gl.lng')}>
            <InputNumber min={-180} max={180} step={0.001} style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <Form.Item name="employerIds" label={t('gl.employers')}>
          <EmployersPicker known={fair?.employers ?? []} />
        </Form.Item>
        <Form.Item name="description" label={t('gl.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {fair && (
          <>
            <Form.Item name="status" label={t('gl.status')}>
              <Radio.Group options={options(GIG_FAIR_STATUSES)} optionType="button" />
            </Form.Item>
            <Form.Item name="outcome" label={t('gl.outcome')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}

/** The fair's sign-in code as a QR to print: it opens the fair's phone page, which signs the worker in. */
function CodeModal({ fair, onClose }: { fair: GigFairView | null; onClose: () => void }) {
  const t = useT();
  const code = useQuery({
    queryKey: ['gigs', 'fair-code', fair?.id],
    queryFn: () => api.get('/gig-fairs/:id/code', { params: { id: fair!.id } }),
    enabled: !!fair,
  });
  const url = code.data ? `${location.origin}/gigs/fair/${fair!.id}?code=${encodeURIComponent(code.data.code)}` : '';
  return (
    <Modal
      open={!!fair}
      title={t('gl.codeTitle')}
      onCancel={onClose}
      width={520}
      footer={
        <Button type="primary" onClick={() => window.print()} data-testid="fair-code-print">
          {t('gl.print')}
        </Button>
      }
    >
      {fair && (
        <div className="ty-fair-print" data-testid="fair-code">
          <div className="ty-fair-print-title">{fair.title}</div>
          <div className="ty-fair-print-meta">
            {fair.heldOn} {fair.startTime}–{fair.endTime} · {fair.address ?? fair.regionName}
          </div>
          {code.data && <QrCode text={url} label={fair.title} size={300} className="ty-fair-qr" testId="fair-qr" />}
          <div className="ty-fair-print-hint">{t('gl.codeHint')}</div>
        </div>
      )}
    </Modal>
  );
}

function FairDetail({
  fair,
  onClose,
  onEdit,
  onCode,
}: {
  fair: GigFairView | null;
  onClose: () => void;
  onEdit: (f: GigFairView) => void;
  onCode: (f: GigFairView) => void;
}) {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const id = fair?.id;
  const current = useQuery({
    queryKey: ['gigs', 'fair', id],
    queryFn: () => api.get('/gig-fairs/:id', { params: { id: id! } }),
    enabled: !!id,
  });
  const f = current.data ?? fair;
  const positions = useQuery({
    queryKey: ['gigs', 'fair-positions', id],
    queryFn: () => api.get('/gig-jobs', { query: { fairId: id, limit: 100 } as never }),
    enabled: !!id,
  });
  const canManage = !!f?.abilities.includes('attendance');
  const attendance = useQuery({
    queryKey: ['gigs', 'fair-attendance', id],
    queryFn: () => api.get('/gig-fairs/:id/attendance', { params: { id: id! }, query: { limit: 100 } as never }),
    enabled: !!id && canManage,
  });
  return (
    <Drawer
      open={!!fair}
      width={820}
      title={f?.title}
      onClose={onClose}
      destroyOnHidden
      extra={
        f && (
          <Space>
            {f.abilities.includes('code') && (
              <Button onClick={() => onCode(f)} data-testid="fair-code-open">
                {t('gl.code')}
              </Button>
            )}
            {f.abilities.includes('update') && (
              <Button type="primary" onClick={() => onEdit(f)}>
                {t('gl.edit')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {f && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('gl.mode')}>{label(GIG_FAIR_MODES, f.mode)}</Descriptions.Item>
            <Descriptions.Item label={t('gl.status')}>
              <Tag color={STATUS_COLORS[f.status]}>{label(GIG_FAIR_STATUSES, f.status)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('gl.heldOn')}>
              {f.heldOn} {f.startTime}–{f.endTime}
            </Descriptions.Item>
            <Descriptions.Item label={t('gl.organiser')}>{f.organiserName}</Descriptions.Item>
            <Descriptions.Item label={t('gl.address')} span={2}>
              {f.regionName}
              {f.address ? ` · ${f.address}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('gl.employers')} span={2}>
              {f.employers.map((e) => (
                <Tag key={e.hostOrgId}>{e.name}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={`${t('gl.attendance')} / ${t('gl.intentions')} / ${t('gl.hires')}`} span={2}>
              {f.attendance} / {f.intentions} / {f.hires}
            </Descriptions.Item>
            {f.description && (
              <Descriptions.Item label={t('gl.description')} span={2}>
                {f.description}
              </Descriptions.Item>
            )}
            {f.outcome && (
              <Descriptions.Item label={t('gl.outcome')} span={2}>
                {f.outcome}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Space style={{ margin: '12px 0' }}>
            <Link to={`/gigs/intentions?fairId=${f.id}`}>{t('gl.seeIntentions')}</Link>
            {canManage && <Link to={`/gigs/pushes?fairId=${f.id}`}>{t('gl.seePushes')}</Link>}
          </Space>
          <Typography.Title level={5}>
            {t('gl.positionsOf')} ({f.positions})
          </Typography.Title>
          <Table<GigJobView>
            rowKey="id"
            size="small"
            pagination={false}
            loading={positions.isPending}
            dataSource={positions.data?.items ?? []}
            locale={{ emptyText: t('gl.noPositions') }}
            columns={[
              { title: t('gl.job'), dataIndex: 'title' },
              { title: t('gl.employer'), dataIndex: 'hostOrgName' },
              {
                title: t('gj.pay'),
                render: (_: unknown, j: GigJobView) => formatPay(j.payFen, j.payUnit, locale),
              },
              { title: t('gj.headcount'), dataIndex: 'headcount', width: 80 },
              { title: t('gj.intentions'), dataIndex: 'intentionCount', width: 70 },
            ]}
          />
          {canManage && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('gl.attendanceOf')} ({f.attendance})
              </Typography.Title>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                loading={attendance.isPending}
                dataSource={attendance.data?.items ?? []}
                columns={[
                  { title: t('gl.worker'), dataIndex: 'workerName' },
                  { title: t('gl.signedAt'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
                ]}
              />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}

/**
 * 招聘会: the fairs in reach, filtered in the address (the 举办招聘会场次 figure links here with its
 * area, status=held and period), with the total; create and edit a fair (employers, status, outcome),
 * see its positions and sign-ins, print its sign-in QR.
 */
export default function GigFairsPage() {
  const t = useT();
  const label = useLabel();
  const can = usePermissions();
  const { filters, set } = useUrlFilters(FILTERS);
  const [open, setOpen] = useState<GigFairView | null>(null);
  const [editing, setEditing] = useState<{ fair: GigFairView | null } | null>(null);
  const [coding, setCoding] = useState<GigFairView | null>(null);
  const list = useRouteList({
    queryKey: ['gigs', 'fairs', filters],
    path: '/gig-fairs',
    query: filters as never,
    limit: 30,
    withTotal: true,
  });
  const columns: ColumnsType<GigFairView> = [
    {
      title: t('gl.fairTitle'),
      dataIndex: 'title',
      width: 220,
      render: (v: string, r) => (
        <a onClick={() => setOpen(r)} data-testid="fair-open">
          {v}
        </a>
      ),
    },
    {
      title: t('gl.heldOn'),
      width: 115,
      render: (_: unknown, r) => (
        <>
          {r.heldOn}
          <br />
          <Typography.Text type="secondary">
            {r.startTime}–{r.endTime}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('gl.mode'),
      dataIndex: 'mode',
      width: 100,
      render: (v: GigFairView['mode']) => label(GIG_FAIR_MODES, v),
    },
    {
      title: t('gl.address'),
      width: 170,
      ellipsis: true,
      render: (_: unknown, r) => r.address ?? r.regionName,
    },
    { title: t('gl.organiser'), dataIndex: 'organiserName', width: 150, ellipsis: true },
    { title: t('gl.employersShort'), width: 80, align: 'right', render: (_: unknown, r) => r.employers.length },
    { title: t('gl.positions'), dataIndex: 'positions', width: 60, align: 'right' },
    { title: t('gl.attendance'), dataIndex: 'attendance', width: 60, align: 'right' },
    { title: t('gl.intentions'), dataIndex: 'intentions', width: 60, align: 'right' },
    { title: t('gl.hires'), dataIndex: 'hires', width: 60, align: 'right' },
    {
      title: t('gl.status'),
      dataIndex: 'status',
      width: 80,
      render: (v: GigFairStatus) => <Tag color={STATUS_COLORS[v]}>{label(GIG_FAIR_STATUSES, v)}</Tag>,
    },
  ];
  return (
    <div data-testid="gig-fairs-page">
      <PageHeader
        title={t('gl.fairsTitle')}
        sub={t('gl.fairsSub')}
        extra={
          can('gig.manage') && (
            <Button type="primary" onClick={() => setEditing({ fair: null })} data-testid="fair-new">
              {t('gl.fairNew')}
            </Button>
          )
        }
      />
      <PeriodNote
        from={filters.heldFrom}
        to={filters.heldTo}
        onClear={() => set({ heldFrom: undefined, heldTo: undefined })}
      />
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <Input.Search
            aria-label={t('gl.search')}
            placeholder={t('gl.search')}
            allowClear
            defaultValue={filters.q}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 200 }}
          />
          <DictFilter
            dict={GIG_FAIR_STATUSES}
            value={filters.status}
            onChange={(status) => set({ status })}
            placeholder={t('gl.status')}
            width={110}
          />
          <DictFilter
            dict={GIG_FAIR_MODES}
            value={filters.mode}
            onChange={(mode) => set({ mode })}
            placeholder={t('gl.mode')}
            width={130}
          />
          <AreaFilter value={filters.orgId} onChange={(orgId) => set({ orgId })} />
          <MonthFilter
            from={filters.heldFrom}
            to={filters.heldTo}
            onChange={(heldFrom, heldTo) => set({ heldFrom, heldTo })}
          />
        </div>
        <InfiniteTable<GigFairView>
          query={list}
          columns={columns}
          footer={{ total: true, countTestId: 'gig-fairs-count' }}
          scroll={{ x: 1080 }}
        />
      </div>
      <FairDetail
        fair={open}
        onClose={() => setOpen(null)}
        onEdit={(f) => setEditing({ fair: f })}
        onCode={(f) => setCoding(f)}
      />
      <FairForm fair={editing?.fair ?? null} open={!!editing} onClose={() => setEditing(null)} />
      <CodeModal fair={coding} onClose={() => setCoding(null)} />
    </div>
  );
}
