import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  TimePicker,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  STATION_AMENITIES,
  STATION_AMENITY_CODES,
  STATION_STATUS_CODES,
  STATION_STATUSES,
  type StationAmenity,
  type StationCreateBody,
  type StationStatus,
  type StationView,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { useRouteList } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { useDictOptions, useLabel, useT } from '../../i18n';

interface Filters {
  q?: string;
  status?: StationStatus;
  amenity?: string;
  orgId?: string;
  openedFrom?: string;
  openedTo?: string;
}
const KEYS = ['q', 'status', 'amenity', 'orgId', 'openedFrom', 'openedTo'] as const;

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
  };
}

interface FormValues {
  name: string;
  address: string;
  regionCode: string;
  lat: number;
  lng: number;
  amenities: StationAmenity[];
  allDay: boolean;
  open?: dayjs.Dayjs;
  close?: dayjs.Dayjs;
  openedOn: dayjs.Dayjs;
  status: StationStatus;
  phone?: string;
  note?: string;
}

/** Create or edit a station: the ledger fields; daily hours are one span for every day (the manager refines them). */
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
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const weekly = Array.from({ length: 7 }, (_, i) =>
        station && !v.allDay && !v.open
          ? (station.hours.weekly[i] ?? null)
          : { open: v.open?.format('HH:mm') ?? '00:00', close: v.close?.format('HH:mm') ?? '24:00' },
      );
      const body: StationCreateBody = {
        name: v.name,
        address: v.address,
        regionCode: v.regionCode,
        lat: v.lat,
        lng: v.lng,
        amenities: v.amenities ?? [],
        hours: { allDay: v.allDay, weekly, holidays: station?.hours.holidays ?? [] },
        openedOn: v.openedOn.format('YYYY-MM-DD'),
        status: v.status,
        phone: v.phone?.trim() || null,
        note: v.note?.trim() || null,
        managerUserId: station?.managerUserId ?? null,
        hostOrgId: station?.hostOrgId ?? null,
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
    onError: (e: Error) => void message.error(e.message),
  });
  const first = station?.hours.weekly.find(Boolean);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={520}
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
                allDay: station.hours.allDay,
                open: first ? dayjs(first.open, 'HH:mm') : undefined,
                close: first && first.close !== '24:00' ? dayjs(first.close, 'HH:mm') : undefined,
                openedOn: dayjs(station.openedOn),
                phone: station.phone ?? undefined,
                note: station.note ?? undefined,
              }
            : {
                regionCode: '320206',
                lat: 31.68,
                lng: 120.2,
                amenities: ['rest', 'water', 'charging'],
                allDay: false,
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
        <Form.Item name="regionCode" label={t('sl.regionCode')} rules={[{ required: true, pattern: /^\d{6}$/ }]}>
          <Input maxLength={6} />
        </Form.Item>
        <Space>
          <Form.Item name="lat" label={t('sl.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="lng" label={t('sl.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="amenities" label={t('st.amenities')}>
          <Select mode="multiple" options={options(STATION_AMENITIES)} />
        </Form.Item>
        <Form.Item name="allDay" label={t('sm.allDay')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Space>
          <Form.Item name="open" label={t('sl.open')}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="close" label={t('sl.close')}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
        </Space>
        <Form.Item name="openedOn" label={t('sl.openedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="status" label={t('sl.status')}>
          <Select options={options(STATION_STATUSES)} />
        </Form.Item>
        <Form.Item name="phone" label={t('st.phone')}>
          <Input maxLength={30} />
        </Form.Item>
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
      width: 120,
      render: (v: StationStatus, r) => (
        <>
          <Tag color={v === 'open' ? 'green' : 'default'}>{label(STATION_STATUSES, v)}</Tag>
          {r.hours.allDay && <Tag color="blue">{t('st.allDay')}</Tag>}
        </>
      ),
    },
    {
      title: t('st.amenities'),
      dataIndex: 'amenities',
      width: 300,
      render: (v: StationAmenity[]) => v.map((a) => label(STATION_AMENITIES, a)).join('、'),
    },
    { title: t('sl.manager'), dataIndex: 'managerName', width: 100, render: (v: string | null) => v ?? '—' },
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
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="stations-indicator-filter"
          message={t('sl.indicatorFilter', { from: filters.openedFrom ?? '—', to: filters.openedTo ?? '—' })}
          action={
            <Button size="small" onClick={() => set({ orgId: undefined, openedFrom: undefined, openedTo: undefined })}>
              {t('sl.clearFilter')}
            </Button>
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
          scroll={{ x: 1100 }}
        />
      </div>
      <Usage />
      {drawer && <StationDrawer station={drawer.station} open onClose={() => setDrawer(null)} />}
    </div>
  );
}
