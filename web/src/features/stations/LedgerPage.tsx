import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  STATION_AMENITIES,
  STATION_AMENITY_CODES,
  STATION_STATUS_CODES,
  STATION_STATUSES,
  type OpeningHours,
  type StationAmenity,
  type StationCreateBody,
  type StationStatus,
  type StationView,
  weeklyLines,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { useRouteList } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { useApiErrorHandler } from '../../components/useApiErrorHandler';
import { useDictOptions, useLabel, useLocale, useT } from '../../i18n';
import { useHostOrgSearch } from '../host-orgs/hooks';
import { HoursField, hoursFieldProblems } from './HoursField';
import { sortSpans } from './hoursEdit';
import { FilterAlert } from '../../components/list-kit/FilterAlert';

interface Filters {
  q?: string;
  status?: StationStatus;
  amenity?: string;
  orgId?: string;
  openedFrom?: string;
  openedTo?: string;
  usedFrom?: string;
  usedTo?: string;
}
const KEYS = ['q', 'status', 'amenity', 'orgId', 'openedFrom', 'openedTo', 'usedFrom', 'usedTo'] as const;

function readFilters(p: URLSearchParams): Filters {
  const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(p.get(k) ?? '') ? p.get(k)! : undefined);
  const status = p.get('status');
  return {
    ...(p.get('q') ? { q: p.get('q')! } : {}),
    ...(status && (STATION_STATUS_CODES as readonly string[]).includes(status)
      ? { status: status as StationStatus }
      : {}),
    ...(p.get('amenity') ? { amenity: p.get('amenity')! } : {}),
    ...(/^[0-9A-Za-z_-]{10,40}$/.test(p.get('orgId') ?? '') ? { orgId: p.get('orgId')! } : {}),
    ...(date('openedFrom') ? { openedFrom: date('openedFrom') } : {}),
    ...(date('openedTo') ? { openedTo: date('openedTo') } : {}),
    ...(date('usedFrom') ? { usedFrom: date('usedFrom') } : {}),
    ...(date('usedTo') ? { usedTo: date('usedTo') } : {}),
  };
}

interface FormValues {
  name: string;
  address: string;
  regionCode: string;
  lat: number;
  lng: number;
  amenities: StationAmenity[];
  hours: OpeningHours;
  managerUserId?: string;
  hostOrgId?: string;
  openedOn: dayjs.Dayjs;
  status: StationStatus;
  phone?: string;
  note?: string;
}

const NEW_STATION_HOURS: OpeningHours = {
  allDay: false,
  weekly: Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }]),
  holidays: [],
};

/** Station managers the caller may name (users holding the role in their scope, active), and the current one. */
function ManagerPicker({
  value,
  onChange,
  current,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  current: { id: string; name: string } | null;
}) {
  const t = useT();
  const users = useQuery({
    queryKey: ['users', 'station-managers'],
    queryFn: () =>
      api
        .get('/users', { query: { role: 'station_manager', limit: 200 } })
        .then((p) => p.items.filter((u) => !u.disabled)),
  });
  const options = (users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
  if (current && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name });
  return (
    <Select
      showSearch
      allowClear
      optionFilterProp="label"
      placeholder={t('sl.pickManager')}
      loading={users.isPending}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      options={options}
      notFoundContent={users.isPending ? undefined : t('sl.noManagers')}
      data-testid="station-manager-picker"
    />
  );
}

/** Host organisations by name (the host-organisation ledger's search), and the current one. */
function HostOrgPicker({
  value,
  onChange,
  current,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  current: { id: string; name: string } | null;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const orgs = useHostOrgSearch(q);
  const options = (orgs.data ?? []).map((h) => ({ value: h.id, label: h.name }));
  if (current && !options.some((o) => o.value === current.id))
    options.unshift({ value: current.id, label: current.name });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      placeholder={t('sl.pickHostOrg')}
      loading={orgs.isFetching}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      options={options}
      data-testid="station-host-org-picker"
    />
  );
}

/** Create or edit a station: the ledger's fields, opening hours in spans, the manager and the host organisation. */
function StationDrawer({
  station,
  open,
  onClose,
}: {
  station: StationView | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const options = useDictOptions();
  const { message } = App.useApp();
  const onApiError = useApiErrorHandler();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body: StationCreateBody = {
        name: v.name,
        address: v.address,
        regionCode: v.regionCode,
        lat: v.lat,
        lng: v.lng,
        amenities: v.amenities ?? [],
        hours: sortSpans(v.hours),
        openedOn: v.openedOn.format('YYYY-MM-DD'),
        status: v.status,
        phone: v.phone?.trim() || null,
        note: v.note?.trim() || null,
        managerUserId: v.managerUserId ?? null,
        hostOrgId: v.hostOrgId ?? null,
      };
      return station
        ? api.patch('/stations/:id', { params: { id: station.id }, body: { ...body, version: station.version } })
        : api.post('/stations', { body });
    },
    onSuccess: () => {
      void message.success(t('sl.saved'));
      void qc.invalidateQueries({ queryKey: ['stations'] });
      onClose();
    },
    onError: (e: unknown) => onApiError(e, { form }),
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={640}
      destroyOnHidden
      title={station ? station.name : t('sl.create')}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="station-save">
          {t('sl.save')}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          station
            ? {
                ...station,
                managerUserId: station.managerUserId ?? undefined,
                hostOrgId: station.hostOrgId ?? undefined,
                openedOn: dayjs(station.openedOn),
                phone: station.phone ?? undefined,
                note: station.note ?? undefined,
              }
            : {
                regionCode: '320206',
                lat: 31.68,
                lng: 120.2,
                amenities: ['rest', 'water', 'charging'],
                hours: NEW_STATION_HOURS,
                status: 'open',
                openedOn: dayjs(),
              }
        }
      >
        <Form.Item name="name" label={t('sl.name')} rules={[{ required: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('st.address')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="regionCode" label={t('sl.regionCode')} rules={[{ required: true, pattern: /^\d{6}$/ }]}>
            <Input maxLength={6} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="lat" label={t('sl.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="lng" label={t('sl.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="managerUserId" label={t('sl.manager')} tooltip={t('sl.managerHint')}>
            <ManagerPicker
              current={station?.managerUserId ? { id: station.managerUserId, name: station.managerName ?? '—' } : null}
            />
          </Form.Item>
          <Form.Item name="hostOrgId" label={t('sl.hostOrg')}>
            <HostOrgPicker
              current={station?.hostOrgId ? { id: station.hostOrgId, name: station.hostOrgName ?? '—' } : null}
            />
          </Form.Item>
        </div>
        <Form.Item name="amenities" label={t('st.amenities')}>
          <Select mode="multiple" options={options(STATION_AMENITIES)} />
        </Form.Item>
        <Form.Item
          name="hours"
          label={t('st.hours')}
          rules={[
            {
              validator: (_, v: OpeningHours) =>
                hoursFieldProblems(v).length ? Promise.reject(new Error(t('sl.hoursInvalid'))) : Promise.resolve(),
            },
          ]}
        >
          <HoursField />
        </Form.Item>
        <Space wrap>
          <Form.Item name="openedOn" label={t('sl.openedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="status" label={t('sl.status')}>
            <Select options={options(STATION_STATUSES)} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="phone" label={t('st.phone')}>
            <Input maxLength={30} style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('sl.note')}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** Bars of counts (no chart library in the admin app): a label, a bar to scale, the number. */
function Bars({ rows, testId }: { rows: { label: string; count: number }[]; testId?: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <div data-testid={testId}>
      {rows.map((r) => (
        <div key={r.label} style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 12, lineHeight: '18px' }}>
          <span style={{ width: 76, flex: 'none', color: 'rgba(0,0,0,.55)' }}>{r.label}</span>
          <span style={{ flex: 1, background: '#f5f5f5', borderRadius: 2 }}>
            <span
              style={{
                display: 'block',
                width: `${(r.count / max) * 100}%`,
                height: 12,
                background: '#c8161d',
                borderRadius: 2,
              }}
            />
          </span>
          <span style={{ width: 40, textAlign: 'right' }}>{r.count}</span>
        </div>
      ))}
    </div>
  );
}

function Usage() {
  const t = useT();
  const to = dayjs().format('YYYY-MM-DD');
  const from = dayjs().subtract(27, 'day').format('YYYY-MM-DD');
  const usage = useQuery({
    queryKey: ['stations', 'usage', from, to],
    queryFn: () => api.get('/stations/usage', { query: { from, to } }),
  });
  const u = usage.data;
  return (
    <Card
      size="small"
      title={t('sl.usage', { from, to })}
      style={{ marginBottom: 12 }}
      loading={usage.isPending}
      data-testid="station-usage"
    >
      {u && (
        <Space align="start" wrap size={24} style={{ width: '100%' }}>
          <div style={{ minWidth: 160 }}>
            <div style={{ fontSize: 28, fontWeight: 600 }}>{u.total}</div>
            <div>{t('sl.checkIns')}</div>
            <div style={{ marginTop: 8 }}>
              {u.ratingAvg !== null
                ? t('st.rating', { avg: u.ratingAvg.toFixed(2), n: u.ratingCount })
                : t('st.noRating')}
            </div>
          </div>
          <div style={{ width: 320 }}>
            <b>{t('sl.byDay')}</b>
            <Bars rows={u.byDay.map((d) => ({ label: d.date.slice(5), count: d.count }))} />
          </div>
          <div style={{ width: 260 }}>
            <b>{t('sl.byHour')}</b>
            <Bars
              rows={u.byHour.map((h) => ({ label: `${String(h.hour).padStart(2, '0')}:00`, count: h.count }))}
              testId="usage-hours"
            />
          </div>
          <div style={{ width: 320 }}>
            <b>{t('sl.byStation')}</b>
            <Bars
              rows={u.byStation
                .slice(0, 10)
                .map((s) => ({ label: s.name.replace('惠新驿家·', '').slice(0, 6), count: s.count }))}
            />
          </div>
        </Space>
      )}
    </Card>
  );
}

/** 惠新驿家台账 (staff): the stations of their region, filters in the address, export, create and edit. */
export default function LedgerPage() {
  const t = useT();
  const label = useLabel();
  const [locale] = useLocale();
  const options = useDictOptions();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [drawer, setDrawer] = useState<{ station: StationView | null } | null>(null);
  const set = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    const sp = new URLSearchParams();
    for (const k of KEYS) if (next[k]) sp.set(k, String(next[k]));
    setParams(sp, { replace: true });
  };
  const list = useRouteList({
    queryKey: ['stations', 'ledger', filters],
    path: '/stations',
    query: { ...filters },
    limit: 50,
    withTotal: true,
  });
  const exportQuery = new URLSearchParams(
    Object.entries(filters).filter(([, v]) => v) as [string, string][],
  ).toString();
  const columns: ColumnsType<StationView> = [
    {
      title: t('sl.name'),
      dataIndex: 'name',
      width: 260,
      render: (v: string, r) => (
        <a onClick={() => setDrawer({ station: r })} data-testid="station-row">
          {v}
        </a>
      ),
    },
    { title: t('sl.region'), dataIndex: 'regionName', width: 100 },
    {
      title: t('sl.status'),
      dataIndex: 'status',
      width: 100,
      render: (v: StationStatus) => <Tag color={v === 'open' ? 'green' : 'default'}>{label(STATION_STATUSES, v)}</Tag>,
    },
    {
      title: t('st.hours'),
      dataIndex: 'hours',
      width: 240,
      render: (h: OpeningHours, r) => (
        <div style={{ fontSize: 12, lineHeight: '18px' }}>
          {r.status === 'open' && (
            <Tag color={r.openNow ? 'cyan' : 'default'} style={{ marginBottom: 2 }}>
              {r.openNow ? t('st.open') : t('st.closed')}
            </Tag>
          )}
          {h.allDay ? (
            <Tag color="blue">{t('st.allDay')}</Tag>
          ) : (
            weeklyLines(h, locale, t('st.closedDay')).map((l) => (
              <div key={l.days}>
                {l.days} {l.hours}
              </div>
            ))
          )}
        </div>
      ),
    },
    {
      title: t('st.amenities'),
      dataIndex: 'amenities',
      width: 300,
      render: (v: StationAmenity[]) => v.map((a) => label(STATION_AMENITIES, a)).join('、'),
    },
    { title: t('sl.manager'), dataIndex: 'managerName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('sl.hostOrg'), dataIndex: 'hostOrgName', width: 180, render: (v: string | null) => v ?? '—' },
    { title: t('sl.openedOn'), dataIndex: 'openedOn', width: 110 },
    {
      title: t('sl.rating'),
      dataIndex: 'ratingAvg',
      width: 100,
      align: 'right',
      render: (v: number | null, r) => (v === null ? '—' : `${v.toFixed(1)}（${r.ratingCount}）`),
    },
  ];
  return (
    <div data-testid="station-ledger">
      <PageHeader
        title={t('sl.title')}
        sub={t('sl.sub')}
        extra={
          <Space>
            <Button href={`/api/stations/export.xlsx${exportQuery ? `?${exportQuery}` : ''}`}>{t('sl.export')}</Button>
            <Button type="primary" onClick={() => setDrawer({ station: null })} data-testid="station-create">
              {t('sl.create')}
            </Button>
          </Space>
        }
      />
      {filters.orgId && (
        <FilterAlert
          testId="stations-indicator-filter"
          message={
            filters.usedFrom || filters.usedTo
              ? t('sl.usedFilter', { from: filters.usedFrom ?? '—', to: filters.usedTo ?? '—' })
              : t('sl.indicatorFilter', { from: filters.openedFrom ?? '—', to: filters.openedTo ?? '—' })
          }
          clearLabel={t('sl.clearFilter')}
          onClear={() =>
            set({
              orgId: undefined,
              openedFrom: undefined,
              openedTo: undefined,
              usedFrom: undefined,
              usedTo: undefined,
            })
          }
        />
      )}
      <div className="ty-panel" style={{ marginBottom: 12 }}>
        <div className="ty-filters" role="search">
          <Input.Search
            aria-label={t('sl.search')}
            placeholder={t('sl.search')}
            allowClear
            defaultValue={filters.q}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 220 }}
          />
          <Select
            aria-label={t('sl.status')}
            placeholder={t('sl.status')}
            allowClear
            value={filters.status}
            onChange={(status: StationStatus | undefined) => set({ status })}
            options={options(STATION_STATUSES)}
            style={{ width: 120 }}
          />
          <Select
            aria-label={t('st.amenities')}
            placeholder={t('st.amenities')}
            mode="multiple"
            allowClear
            value={filters.amenity ? filters.amenity.split(',') : []}
            onChange={(v: string[]) => set({ amenity: v.length ? v.join(',') : undefined })}
            options={STATION_AMENITY_CODES.map((a) => ({ value: a, label: label(STATION_AMENITIES, a) }))}
            style={{ minWidth: 200 }}
          />
          <DatePicker.RangePicker
            aria-label={t('sl.openedOn')}
            value={[
              filters.openedFrom ? dayjs(filters.openedFrom) : null,
              filters.openedTo ? dayjs(filters.openedTo) : null,
            ]}
            allowEmpty={[true, true]}
            onChange={(r) =>
              set({
                openedFrom: r?.[0]?.format('YYYY-MM-DD') ?? undefined,
                openedTo: r?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
          />
        </div>
        <InfiniteTable<StationView>
          query={list}
          columns={columns}
          footer={{ total: true, countTestId: 'stations-count' }}
          scroll={{ x: 1540 }}
        />
      </div>
      <Usage />
      {drawer && <StationDrawer station={drawer.station} open onClose={() => setDrawer(null)} />}
    </div>
  );
}
