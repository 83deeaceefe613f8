import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Image,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  WORKER_OCCUPATION_CODES,
  WORKER_OCCUPATIONS,
  WORKER_PLATFORM_CODES,
  WORKER_PLATFORMS,
  WORKER_REGISTERED_VIA,
  WORKER_STATUS_CODES,
  WORKER_STATUSES,
  workerCreateBody,
  workerUpdateBody,
  type WorkerCreateBody,
  type WorkerOccupation,
  type WorkerPlatform,
  type WorkerStatus,
  type WorkerUpdateBody,
  type WorkerView,
} from '@touyan/schemas';
import { FormDrawer } from '../../components/FormDrawer';
import { useServerForm } from '../../components/form-kit';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { useRouteList } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { RegionSearchSelect } from '../../components/RegionSearchSelect';
import { formatDateTime } from '../../components/time';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useLocale, useT } from '../../i18n';
import { usePermissions } from '../auth/hooks';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';
import {
  uploadWorkerPhoto,
  useRevealWorker,
  useSaveWorker,
  useWorker,
  useWorkerAction,
  workerKeys,
  type WorkerAction,
} from './hooks';
import { FilterAlert } from '../../components/list-kit/FilterAlert';

interface Filters {
  q?: string;
  status?: WorkerStatus;
  platform?: WorkerPlatform;
  occupation?: WorkerOccupation;
  regionCode?: string;
  partyMember?: '1' | '0';
  /** A bound indicator's area and period (workers.verified). */
  orgId?: string;
  verifiedFrom?: string;
  verifiedTo?: string;
}
const FILTER_KEYS = [
  'q',
  'status',
  'platform',
  'occupation',
  'regionCode',
  'partyMember',
  'orgId',
  'verifiedFrom',
  'verifiedTo',
] as const;

/** The filters live in the address, so a bound indicator links to exactly its rows. */
function readFilters(params: URLSearchParams): Filters {
  const pick = <T extends string>(k: string, codes: readonly T[]) => {
    const v = params.get(k);
    return v && (codes as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(k) ?? '') ? params.get(k)! : undefined);
  const f: Filters = {
    q: params.get('q') || undefined,
    status: pick('status', WORKER_STATUS_CODES),
    platform: pick('platform', WORKER_PLATFORM_CODES),
    occupation: pick('occupation', WORKER_OCCUPATION_CODES),
    regionCode: /^\d{6}$/.test(params.get('regionCode') ?? '') ? params.get('regionCode')! : undefined,
    partyMember: pick('partyMember', ['1', '0'] as const),
    orgId: /^[0-9A-Za-z_-]{10,40}$/.test(params.get('orgId') ?? '') ? params.get('orgId')! : undefined,
    verifiedFrom: date('verifiedFrom'),
    verifiedTo: date('verifiedTo'),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Filters;
}

const STATUS_COLOR: Record<WorkerStatus, string> = {
  pending: 'gold',
  verified: 'green',
  rejected: 'red',
  disabled: 'default',
};

/** The edit form's fields (the version is added on sending). */
const workerEditFields = workerUpdateBody.omit({ version: true });

interface FormValues {
  name: string;
  mobile: string;
  idNumber: string;
  platform?: WorkerPlatform;
  occupation?: WorkerOccupation;
  regionCode?: string | null;
  partyMember: boolean;
  partyOrgId?: string | null;
  photoId?: string | null;
}

/** A registration photo: uploaded at once (JPEG/PNG), linked when the form is saved. */
function PhotoUpload({
  value,
  onChange,
  current,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  current: string | null;
}) {
  const t = useT();
  const [locale] = useLocale();
  const onError = useApiErrorHandler();
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const shown = value && preview ? preview : current;
  return (
    <Space>
      {shown && <Image src={shown} width={72} height={72} style={{ objectFit: 'cover' }} alt={t('workers.photo')} />}
      <Button loading={busy} onClick={() => input.current?.click()}>
        {t('workers.photoUpload')}
      </Button>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png"
        style={{ display: 'none' }}
        data-testid="worker-photo-upload"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          uploadWorkerPhoto(file, file.name, locale)
            .then((a) => {
              setPreview(URL.createObjectURL(file));
              onChange?.(a.id);
            }, onError)
            .finally(() => setBusy(false));
        }}
      />
    </Space>
  );
}

/** Enter or edit a worker. The ID number and mobile are typed in full (the record keeps them masked). */
function WorkerFormDrawer({
  open,
  worker,
  onClose,
}: {
  open: boolean;
  worker: WorkerView | null;
  onClose: () => void;
}) {
  const t = useT();
  const options = useDictOptions();
  const qc = useQueryClient();
  const save = useSaveWorker();
  const { form, submit, submitting } = useServerForm({
    // Editing, a number left empty keeps the stored one (the server requires both on creation).
    schema: worker ? workerEditFields : workerCreateBody,
    toBody: (v: FormValues) => ({
      name: v.name,
      mobile: v.mobile?.trim() || undefined,
      idNumber: v.idNumber?.trim() || undefined,
      platform: v.platform,
      occupation: v.occupation,
      regionCode: v.regionCode ?? '',
      partyMember: v.partyMember,
      partyOrgId: v.partyMember ? (v.partyOrgId ?? null) : null,
      photoId: v.photoId ?? null,
    }),
    send: (body: Omit<WorkerUpdateBody, 'version'>) =>
      save.mutateAsync({
        id: worker?.id ?? null,
        body: worker ? { ...body, version: worker.version } : (body as WorkerCreateBody),
      }),
    success: t('workers.saved'),
    onSuccess: onClose,
    onReload: () => {
      void qc.invalidateQueries({ queryKey: workerKeys.all });
      onClose();
    },
  });
  const partyMember = Form.useWatch('partyMember', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      name: worker?.name ?? '',
      mobile: '',
      idNumber: '',
      platform: worker?.platform,
      occupation: worker?.occupation,
      regionCode: worker?.regionCode ?? null,
      partyMember: worker?.partyMember ?? false,
      partyOrgId: worker?.partyOrgId ?? null,
      photoId: null,
    });
  }, [open, worker, form]);
  return (
    <FormDrawer
      open={open}
      title={worker ? `${t('workers.edit')} · ${worker.name}` : t('workers.new')}
      onClose={onClose}
      onSave={() => void submit()}
      saving={submitting}
      width={520}
    >
      <Form form={form} layout="vertical" data-testid="worker-form">
        <Form.Item name="name" label={t('workers.name')} rules={[{ required: true }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('workers.mobile')}
          rules={[{ required: !worker }]}
          extra={worker ? worker.mobileMasked : undefined}
        >
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('workers.idNumber')}
          rules={[{ required: !worker }]}
          extra={worker ? worker.idNumberMasked : t('workers.idHint')}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="platform" label={t('workers.platform')} rules={[{ required: true }]}>
          <Select options={options(WORKER_PLATFORMS)} />
        </Form.Item>
        <Form.Item name="occupation" label={t('workers.occupation')} rules={[{ required: true }]}>
          <Select options={options(WORKER_OCCUPATIONS)} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('workers.region')} rules={[{ required: true }]}>
          <RegionSearchSelect />
        </Form.Item>
        <Form.Item name="partyMember" label={t('workers.partyMember')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {partyMember && (
          <Form.Item name="partyOrgId" label={t('workers.partyOrg')}>
            <PartyOrgTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="photoId" label={t('workers.photo')}>
          <PhotoUpload current={worker?.photoUrl ?? null} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

function WorkerDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string | null;
  onClose: () => void;
  onEdit: (w: WorkerView) => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const { data: w } = useWorker(id);
  const act = useWorkerAction();
  const reveal = useRevealWorker();
  const [full, setFull] = useState<{ idNumber: string; mobile: string } | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  useEffect(() => setFull(null), [id]);
  const can = (a: string) => !!w?.abilities.includes(a);
  const run = async (action: WorkerAction, extra: { reason?: string } = {}) => {
    if (!w) return;
    try {
      await act.mutateAsync({ id: w.id, action, version: w.version, ...extra });
      message.success(
        t(action === 'verify' ? 'workers.verified' : action === 'reject' ? 'workers.rejected' : 'workers.disabled'),
      );
    } catch (e) {
      onError(e);
    }
  };
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={560}
      title={w?.name}
      extra={
        w && (
          <Space wrap>
            {can('update') && <Button onClick={() => onEdit(w)}>{t('workers.edit')}</Button>}
            {can('verify') && (
              <Button type="primary" onClick={() => void run('verify')} data-testid="worker-verify">
                {w.status === 'disabled' ? t('workers.enable') : t('workers.verify')}
              </Button>
            )}
            {can('reject') && (
              <Button danger onClick={() => setRejecting(true)}>
                {t('workers.reject')}
              </Button>
            )}
            {can('disable') && <Button onClick={() => void run('disable')}>{t('workers.disable')}</Button>}
          </Space>
        )
      }
    >
      {w && (
        <Descriptions column={1} size="small" bordered data-testid="worker-detail">
          <Descriptions.Item label={t('workers.status')}>
            <Tag color={STATUS_COLOR[w.status]}>{label(WORKER_STATUSES, w.status)}</Tag>
            {w.rejectReason && <Typography.Text type="danger">{w.rejectReason}</Typography.Text>}
          </Descriptions.Item>
          {w.photoUrl && (
            <Descriptions.Item label={t('workers.photo')}>
              <Image src={w.photoUrl} width={96} alt={w.name} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('workers.idNumber')}>
            <Space wrap>
              <span data-testid="worker-id-number">{full?.idNumber ?? w.idNumberMasked}</span>
              {can('reveal') && !full && (
                <Button
                  size="small"
                  loading={reveal.isPending}
                  title={t('workers.revealNote')}
                  onClick={() => reveal.mutateAsync(w.id).then(setFull, onError)}
                  data-testid="worker-reveal"
                >
                  {t('workers.reveal')}
                </Button>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('workers.mobile')}>{full?.mobile ?? w.mobileMasked}</Descriptions.Item>
          <Descriptions.Item label={t('workers.platform')}>{label(WORKER_PLATFORMS, w.platform)}</Descriptions.Item>
          <Descriptions.Item label={t('workers.occupation')}>
            {label(WORKER_OCCUPATIONS, w.occupation)}
          </Descriptions.Item>
          <Descriptions.Item label={t('workers.region')}>{w.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('workers.partyMember')}>
            {w.partyMember ? `${t('workers.partyMember.yes')} · ${w.partyOrgName ?? '—'}` : t('workers.partyMember.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('workers.registeredVia')}>
            {label(WORKER_REGISTERED_VIA, w.registeredVia as keyof typeof WORKER_REGISTERED_VIA)} ·{' '}
            {formatDateTime(w.createdAt)}
          </Descriptions.Item>
          {w.verifiedAt && (
            <Descriptions.Item label={t('workers.verifiedBy')}>
              {w.verifiedByName ?? '—'} · {formatDateTime(w.verifiedAt)}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Modal
        open={rejecting}
        title={t('workers.rejectTitle')}
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        onOk={() => {
          setRejecting(false);
          void run('reject', { reason: reason.trim() });
          setReason('');
        }}
        onCancel={() => setRejecting(false)}
      >
        <Typography.Paragraph>{t('workers.rejectReasonLabel')}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Drawer>
  );
}

/**
 * 新就业群体 for staff and station managers: the registry of the regions in reach, filtered in the
 * address (a bound indicator links here with its area and period), exported as it is filtered; the
 * detail shows the numbers masked, with the full view for those allowed (audited).
 */
export default function WorkersPage() {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const can = usePermissions();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ worker: WorkerView | null } | null>(null);
  const set = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    const sp = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) sp.set(k, String(next[k]));
    setParams(sp, { replace: true });
  };
  const list = useRouteList({
    queryKey: ['workers', 'list', filters],
    path: '/workers',
    query: { ...filters },
    limit: 30,
    withTotal: true,
  });
  const exportQuery = new URLSearchParams(filters as Record<string, string>).toString();

  const columns: ColumnsType<WorkerView> = [
    {
      title: t('workers.name'),
      dataIndex: 'name',
      width: 110,
      render: (v: string, r) => <a onClick={() => setOpenId(r.id)}>{v}</a>,
    },
    {
      title: t('workers.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: WorkerStatus) => <Tag color={STATUS_COLOR[v]}>{label(WORKER_STATUSES, v)}</Tag>,
    },
    {
      title: t('workers.platform'),
      dataIndex: 'platform',
      width: 90,
      render: (v: WorkerPlatform) => label(WORKER_PLATFORMS, v),
    },
    {
      title: t('workers.occupation'),
      dataIndex: 'occupation',
      width: 110,
      render: (v: WorkerOccupation) => label(WORKER_OCCUPATIONS, v),
    },
    { title: t('workers.mobile'), dataIndex: 'mobileMasked', width: 120 },
    { title: t('workers.idNumber'), dataIndex: 'idNumberMasked', width: 190 },
    { title: t('workers.region'), dataIndex: 'regionName', width: 120 },
    {
      title: t('workers.partyMember'),
      dataIndex: 'partyMember',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="red">{t('workers.partyMember.yes')}</Tag> : null),
    },
    {
      title: t('workers.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <div data-testid="workers-page">
      <PageHeader
        title={t('workers.title')}
        sub={t('workers.sub')}
        extra={
          <Space wrap>
            {can('worker.write') && (
              <Button type="primary" onClick={() => setEditing({ worker: null })} data-testid="worker-new">
                {t('workers.new')}
              </Button>
            )}
            <Button href={`/api/workers/export${exportQuery ? `?${exportQuery}` : ''}`}>{t('workers.export')}</Button>
          </Space>
        }
      />
      {filters.orgId && (
        <FilterAlert
          message={t('workers.indicatorFilter', { from: filters.verifiedFrom ?? '—', to: filters.verifiedTo ?? '—' })}
          clearLabel={t('workers.clearIndicatorFilter')}
          onClear={() => set({ orgId: undefined, verifiedFrom: undefined, verifiedTo: undefined })}
        />
      )}
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <Input.Search
            aria-label={t('workers.search')}
            placeholder={t('workers.search')}
            allowClear
            defaultValue={filters.q}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 220 }}
          />
          <Select
            aria-label={t('workers.status')}
            placeholder={t('workers.status')}
            allowClear
            value={filters.status}
            onChange={(status: WorkerStatus | undefined) => set({ status })}
            options={options(WORKER_STATUSES)}
            style={{ width: 120 }}
          />
          <Select
            aria-label={t('workers.platform')}
            placeholder={t('workers.platform')}
            allowClear
            value={filters.platform}
            onChange={(platform: WorkerPlatform | undefined) => set({ platform })}
            options={options(WORKER_PLATFORMS)}
            style={{ width: 120 }}
          />
          <Select
            aria-label={t('workers.occupation')}
            placeholder={t('workers.occupation')}
            allowClear
            value={filters.occupation}
            onChange={(occupation: WorkerOccupation | undefined) => set({ occupation })}
            options={options(WORKER_OCCUPATIONS)}
            style={{ width: 130 }}
          />
          <div style={{ width: 200 }}>
            <RegionSearchSelect
              aria-label={t('workers.region')}
              placeholder={t('workers.region')}
              value={filters.regionCode ?? null}
              onChange={(code) => set({ regionCode: code ?? undefined })}
            />
          </div>
          <Select
            aria-label={t('workers.partyMember')}
            placeholder={t('workers.partyMember')}
            allowClear
            value={filters.partyMember}
            onChange={(partyMember: '1' | '0' | undefined) => set({ partyMember })}
            options={[
              { value: '1', label: t('workers.partyMember.yes') },
              { value: '0', label: t('workers.partyMember.no') },
            ]}
            style={{ width: 110 }}
          />
        </div>
        <InfiniteTable<WorkerView>
          query={list}
          columns={columns}
          footer={{ total: true, countTestId: 'workers-count' }}
          scroll={{ x: 1060 }}
        />
      </div>
      <WorkerDrawer id={openId} onClose={() => setOpenId(null)} onEdit={(w) => setEditing({ worker: w })} />
      <WorkerFormDrawer open={!!editing} worker={editing?.worker ?? null} onClose={() => setEditing(null)} />
    </div>
  );
}
