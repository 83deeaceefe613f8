import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { Button, DatePicker, Descriptions, Drawer, Input, Segmented, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  DEMAND_CATEGORIES,
  DEMAND_STATUSES,
  VISIT_KIND_CODES,
  VISIT_KINDS,
  VISIT_STATUSES,
  type VisitedFirm,
  type VisitKind,
  type VisitView,
} from '@touyan/schemas';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { VisitEditModal } from './VisitEditModal';
import { useRouteList } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../components/time';
import { useDictOptions, useLabel, useT } from '../../i18n';
import { FilterAlert } from '../../components/list-kit/FilterAlert';

type View = 'firms' | 'visits';
interface VisitFilters {
  kind?: VisitKind;
  from?: string;
  to?: string;
  q?: string;
  /** A bound project indicator's area (its declaring organisation) and its count rule: one row per firm. */
  orgId?: string;
  firstPerFirm?: '1';
}

const FILTER_KEYS = ['kind', 'from', 'to', 'q', 'orgId', 'firstPerFirm'] as const;

/** The filters live in the address, so a figure on the home links to exactly its rows. */
function readFilters(params: URLSearchParams): { view: View; filters: VisitFilters } {
  const kind = params.get('kind');
  const date = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(k) ?? '') ? params.get(k)! : undefined);
  return {
    view: params.get('view') === 'firms' ? 'firms' : 'visits',
    filters: {
      ...(kind && (VISIT_KIND_CODES as readonly string[]).includes(kind) ? { kind: kind as VisitKind } : {}),
      ...(date('from') ? { from: date('from') } : {}),
      ...(date('to') ? { to: date('to') } : {}),
      ...(params.get('q') ? { q: params.get('q')! } : {}),
      ...(/^[0-9A-HJKMNP-TV-Z]{26}$/.test(params.get('orgId') ?? '') ? { orgId: params.get('orgId')! } : {}),
      ...(['1', 'true'].includes(params.get('firstPerFirm') ?? '') ? { firstPerFirm: '1' as const } : {}),
    },
  };
}

function VisitDrawer({ visit, onClose }: { visit: VisitView | undefined; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const [editing, setEditing] = useState<VisitView | null>(null);
  // The drawer shows the saved copy after an edit (the list refetches behind it).
  const [saved, setSaved] = useState<VisitView | null>(null);
  const shown = saved && saved.id === visit?.id ? saved : visit;
  const editable = !!shown && shown.abilities.includes('update') && shown.kind !== 'online' && shown.visitedOn !== null;
  return (
    <Drawer
      open={!!visit}
      onClose={() => {
        setSaved(null);
        onClose();
      }}
      width={560}
      title={shown?.hostOrgName}
      extra={
        editable && (
          <Button onClick={() => setEditing(shown)} data-testid="visit-edit">
            {t('visits.edit')}
          </Button>
        )
      }
    >
      <VisitEditModal
        visit={editing}
        onClose={(v) => {
          setEditing(null);
          if (v) setSaved(v);
        }}
      />
      {shown && (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('visits.kind')}>{label(VISIT_KINDS, shown.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('visits.status')}>{label(VISIT_STATUSES, shown.status)}</Descriptions.Item>
          <Descriptions.Item label={t('visits.visitedOn')}>{formatDate(shown.visitedOn)}</Descriptions.Item>
          {shown.people && <Descriptions.Item label={t('visits.people')}>{shown.people}</Descriptions.Item>}
          {shown.contactName && <Descriptions.Item label={t('visits.contact')}>{shown.contactName}</Descriptions.Item>}
          <Descriptions.Item label={t('visits.findings')}>
            <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
              {shown.findings ?? '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.by')}>
            {shown.createdByName} · {formatDateTime(shown.createdAt)}
          </Descriptions.Item>
          {shown.photos.length > 0 && (
            <Descriptions.Item label={t('visits.photos')}>
              <div className="ty-visit-edit-photos" data-testid="visit-drawer-photos">
                {shown.photos.map((p) => (
                  <a key={p.id} className="ty-visit-edit-photo" href={p.url} target="_blank" rel="noreferrer">
                    <img src={p.url} alt={p.filename} loading="lazy" />
                  </a>
                ))}
              </div>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('visits.raised')}>
            {shown.demands.length === 0 ? (
              <Typography.Text type="secondary">{t('visits.noneRaised')}</Typography.Text>
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="visit-demands">
                {shown.demands.map((d) => (
                  <li key={d.id}>
                    <Link to={`/demands?id=${d.id}`}>{d.title}</Link>{' '}
                    <Tag bordered={false}>{label(DEMAND_CATEGORIES, d.category)}</Tag>
                    <Tag>{label(DEMAND_STATUSES, d.status)}</Tag>
                  </li>
                ))}
              </ul>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.demands')}>
            <Link to={`/demands?hostOrgId=${shown.hostOrgId}`}>{t('visits.demands')}</Link>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}

/**
 * 企业走访 for staff: the firms visited (one row per firm, the home's 走访企业 figure counts the same
 * rows) and the visit records, filtered by kind and date in the address.
 */
export default function VisitsPage() {
  const t = useT();
  const label = useLabel();
  const options = useDictOptions();
  const [params, setParams] = useSearchParams();
  const { view, filters } = useMemo(() => readFilters(params), [params]);
  const [picked, setPicked] = useState<VisitView>();
  // `/visits?visit=<id>` opens that visit (a demand's drawer links to the visit it was raised on).
  const linkedId = params.get('visit');
  const linked = useQuery({
    queryKey: ['visits', 'one', linkedId],
    queryFn: () => api.get('/visits/:id', { params: { id: linkedId! } }),
    enabled: !!linkedId && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(linkedId),
  });
  const open = picked ?? (linkedId ? linked.data : undefined);
  const setOpen = (v: VisitView | undefined) => {
    setPicked(v);
    if (!v && linkedId) {
      const sp = new URLSearchParams(params);
      sp.delete('visit');
      setParams(sp, { replace: true });
    }
  };
  const set = (patch: Partial<VisitFilters> & { view?: View }) => {
    const next = { view, ...filters, ...patch };
    const sp = new URLSearchParams();
    if (next.view === 'firms') sp.set('view', 'firms');
    for (const k of FILTER_KEYS) if (next[k]) sp.set(k, String(next[k]));
    setParams(sp, { replace: true });
  };
  const { orgId: _orgId, firstPerFirm: _first, ...firmFilters } = filters;
  const firms = useRouteList({
    queryKey: ['visits', 'firms', firmFilters],
    path: '/visits/firms',
    query: { ...firmFilters },
    limit: 30,
    withTotal: true,
  });
  const { q: _q, ...visitFilters } = filters;
  const visits = useRouteList({
    queryKey: ['visits', 'list', visitFilters],
    path: '/visits',
    query: { ...visitFilters },
    limit: 30,
    withTotal: true,
  });

  const firmColumns: ColumnsType<VisitedFirm> = [
    {
      title: t('visits.firm'),
      dataIndex: 'name',
      width: 260,
      render: (v: string, r) => <Link to={`/host-orgs/${r.hostOrgId}`}>{v}</Link>,
    },
    { title: t('visits.region'), dataIndex: 'regionName', width: 140 },
    { title: t('visits.count'), dataIndex: 'visitCount', width: 100, align: 'right' },
    { title: t('visits.last'), dataIndex: 'lastVisitedOn', width: 120, render: (v: string) => formatDate(v) },
  ];
  const visitColumns: ColumnsType<VisitView> = [
    { title: t('visits.visitedOn'), dataIndex: 'visitedOn', width: 110, render: (v: string | null) => formatDate(v) },
    {
      title: t('visits.firm'),
      dataIndex: 'hostOrgName',
      width: 220,
      ellipsis: true,
      render: (v: string, r) => <a onClick={() => setOpen(r)}>{v}</a>,
    },
    {
      title: t('visits.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (v: VisitKind, r) => (
        <>
          {label(VISIT_KINDS, v)}
          {r.status !== 'recorded' && <Tag style={{ marginLeft: 4 }}>{label(VISIT_STATUSES, r.status)}</Tag>}
        </>
      ),
    },
    { title: t('visits.findings'), dataIndex: 'findings', width: 360, ellipsis: true },
    { title: t('visits.by'), dataIndex: 'createdByName', width: 110 },
  ];

  return (
    <div data-testid="visits-page">
      <PageHeader title={t('visits.title')} sub={t('visits.sub')} />
      {filters.orgId && (
        <FilterAlert
          testId="visits-indicator-filter"
          message={t('visits.indicatorFilter', { from: filters.from ?? '—', to: filters.to ?? '—' })}
          clearLabel={t('visits.clearIndicatorFilter')}
          onClear={() => set({ orgId: undefined, firstPerFirm: undefined })}
        />
      )}
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <Segmented<View>
            value={view}
            onChange={(v) => set({ view: v })}
            options={[
              { value: 'visits', label: t('visits.view.visits') },
              { value: 'firms', label: t('visits.view.firms') },
            ]}
          />
          <Select
            aria-label={t('visits.kind')}
            placeholder={t('visits.kind')}
            allowClear
            value={filters.kind}
            onChange={(kind: VisitKind | undefined) => set({ kind })}
            options={options(VISIT_KINDS)}
            style={{ width: 140 }}
          />
          <DatePicker.RangePicker
            aria-label={t('visits.dateRange')}
            placeholder={[t('visits.from'), t('visits.to')]}
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              set({
                from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
                to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
            style={{ width: 260 }}
          />
          {view === 'firms' && (
            <Input.Search
              aria-label={t('visits.search')}
              placeholder={t('visits.search')}
              allowClear
              defaultValue={filters.q}
              onSearch={(v) => set({ q: v.trim() || undefined })}
              style={{ width: 220 }}
            />
          )}
        </div>
        {view === 'firms' ? (
          <InfiniteTable<VisitedFirm>
            rowKey="hostOrgId"
            query={firms}
            columns={firmColumns}
            footer={{ total: true, countTestId: 'visited-firms-count' }}
            scroll={{ x: 640 }}
          />
        ) : (
          <InfiniteTable<VisitView>
            query={visits}
            columns={visitColumns}
            footer={{ total: true }}
            scroll={{ x: 920 }}
          />
        )}
      </div>
      <VisitDrawer visit={open} onClose={() => setOpen(undefined)} />
    </div>
  );
}
