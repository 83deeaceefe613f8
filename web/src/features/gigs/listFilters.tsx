import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { PageHeader } from '../../components/PageHeader';
import type { Label } from '@touyan/schemas/plain';
import { useDictOptions, useT } from '../../i18n';
import { PartyOrgTreeSelect } from '../party-orgs/PartyOrgTreeSelect';

const ID = /^[0-9A-Za-z_-]{10,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters of a 零工快招 list kept in the address (a figure's or the home's link writes them):
 * ids, dates and codes checked before they are sent.
 */
export function useUrlFilters<K extends string>(spec: Record<K, 'id' | 'date' | readonly string[] | 'text'>) {
  const [params, setParams] = useSearchParams();
  const filters = {} as Partial<Record<K, string>>;
  for (const [k, kind] of Object.entries(spec) as [K, (typeof spec)[K]][]) {
    const v = params.get(k);
    if (!v) continue;
    const ok =
      kind === 'id' ? ID.test(v) : kind === 'date' ? DATE.test(v) : kind === 'text' ? v.length <= 50 : kind.includes(v);
    if (ok) filters[k] = v;
  }
  const set = (patch: Partial<Record<K, string | undefined>>) => {
    const next = { ...filters, ...patch };
    const sp = new URLSearchParams();
    for (const k of Object.keys(spec) as K[]) if (next[k]) sp.set(k, next[k]);
    setParams(sp, { replace: true });
  };
  return { filters, set };
}

/** The month a from/to pair spans exactly (YYYY-MM), if it does. */
export function monthOfPeriod(from?: string, to?: string): string | null {
  if (!from || !to || !from.endsWith('-01') || from.slice(0, 7) !== to.slice(0, 7)) return null;
  return dayjs(from).endOf('month').format('YYYY-MM-DD') === to ? from.slice(0, 7) : null;
}

/** A month picker writing the month's first and last day. */
export function MonthFilter({
  from,
  to,
  onChange,
}: {
  from?: string;
  to?: string;
  onChange: (from: string | undefined, to: string | undefined) => void;
}) {
  const t = useT();
  const month = monthOfPeriod(from, to);
  return (
    <DatePicker
      picker="month"
      aria-label={t('gl.month')}
      placeholder={t('gl.month')}
      value={month ? dayjs(`${month}-01`) : null}
      onChange={(d) =>
        d
          ? onChange(d.startOf('month').format('YYYY-MM-DD'), d.endOf('month').format('YYYY-MM-DD'))
          : onChange(undefined, undefined)
      }
      style={{ width: 130 }}
    />
  );
}

/** The area: a Party organisation whose region and below the list keeps. */
export function AreaFilter({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const t = useT();
  return (
    <div style={{ width: 220 }}>
      <PartyOrgTreeSelect
        value={value ?? null}
        onChange={(id) => onChange(id ?? undefined)}
        placeholder={t('gl.area')}
      />
    </div>
  );
}

/**
 * A record picked by its title (the list's own search, twenty at a time), the current one fetched
 * and kept as an option when the search does not bring it.
 */
function PickFilter<T extends { id: string }>({
  value,
  onChange,
  what,
  search,
  fetchOne,
  labelOf,
  placeholder,
  width,
}: {
  value?: string;
  onChange: (id: string | undefined) => void;
  /** The query-key word: 'job' or 'fair'. */
  what: string;
  search: (q: string | undefined) => Promise<T[]>;
  fetchOne: (id: string) => Promise<T>;
  labelOf: (row: T) => string;
  placeholder: string;
  width: number;
}) {
  const [q, setQ] = useState('');
  const rows = useQuery({ queryKey: ['gigs', `${what}-pick`, q], queryFn: () => search(q || undefined) });
  const current = useQuery({ queryKey: ['gigs', what, value], queryFn: () => fetchOne(value!), enabled: !!value });
  const options = (rows.data ?? []).map((r) => ({ value: r.id, label: labelOf(r) }));
  if (current.data && !options.some((o) => o.value === value))
    options.unshift({ value: current.data.id, label: labelOf(current.data) });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      aria-label={placeholder}
      placeholder={placeholder}
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={options}
      style={{ width }}
    />
  );
}

/** A code of a dictionary (a status, a mode), its labels in the reader's language. */
export function DictFilter<K extends string>({
  dict,
  value,
  onChange,
  placeholder,
  width,
}: {
  dict: Record<K, Label>;
  value?: string;
  onChange: (code: string | undefined) => void;
  placeholder: string;
  width: number;
}) {
  const options = useDictOptions();
  return (
    <Select
      aria-label={placeholder}
      placeholder={placeholder}
      allowClear
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={options(dict)}
      style={{ width }}
    />
  );
}

type IdFilterProps = { value?: string; onChange: (id: string | undefined) => void };

/** A job picked by title (the job list's search), the current one kept as an option. */
export function JobFilter(props: IdFilterProps) {
  const t = useT();
  return (
    <PickFilter
      {...props}
      what="job"
      search={(q) => api.get('/gig-jobs', { query: { q, limit: 20 } as never }).then((p) => p.items)}
      fetchOne={(id) => api.get('/gig-jobs/:id', { params: { id } })}
      labelOf={(j) => `${j.title} · ${j.hostOrgName}`}
      placeholder={t('gl.job')}
      width={220}
    />
  );
}

/** A fair picked by title. */
export function FairFilter(props: IdFilterProps) {
  const t = useT();
  return (
    <PickFilter
      {...props}
      what="fair"
      search={(q) => api.get('/gig-fairs', { query: { q, limit: 20 } as never }).then((p) => p.items)}
      fetchOne={(id) => api.get('/gig-fairs/:id', { params: { id } })}
      labelOf={(f) => `${f.heldOn} ${f.title}`}
      placeholder={t('gl.fair')}
      width={240}
    />
  );
}

/** Says a period not a whole month (a figure's period) is applied, with a way to clear it. */
export function PeriodNote({ from, to, onClear }: { from?: string; to?: string; onClear: () => void }) {
  const t = useT();
  if ((!from && !to) || monthOfPeriod(from, to)) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={t('gl.filtered', { what: t('gl.period', { from: from ?? '—', to: to ?? '—' }) })}
      action={
        <Button size="small" onClick={onClear}>
          {t('gl.clear')}
        </Button>
      }
    />
  );
}

/** The export link of a list: the same filters, as an .xlsx download. */
export const exportHref = (path: string, filters: Record<string, string | undefined>) => {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) sp.set(k, v);
  const qs = sp.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
};

/** The filters every record list of the staff has: area, month (or a figure's period), job and fair. */
export type RecordFilters = { orgId?: string; from?: string; to?: string; jobId?: string; fairId?: string };

/**
 * A 零工快招 record list (pushes, intentions): the header with the export of what is filtered, the
 * period note, the filters kept in the address (area, month, the list's own, job, fair) and the table
 * with its total.
 */
export function RecordList<T extends object>({
  testId,
  title,
  sub,
  exportPath,
  filters,
  set,
  own,
  list,
  columns,
  scrollX,
}: {
  /** `gig-pushes` gives gig-pushes-page, gig-pushes-export and gig-pushes-count. */
  testId: string;
  title: string;
  sub: string;
  exportPath: string;
  filters: RecordFilters & Record<string, string | undefined>;
  set: (patch: Partial<RecordFilters>) => void;
  /** The list's own filters, between the month and the job. */
  own?: ReactNode;
  list: Parameters<typeof InfiniteTable<T>>[0]['query'];
  columns: ColumnsType<T>;
  scrollX: number;
}) {
  const t = useT();
  return (
    <div data-testid={`${testId}-page`}>
      <PageHeader
        title={title}
        sub={sub}
        extra={
          <Button href={exportHref(exportPath, filters)} data-testid={`${testId}-export`}>
            {t('gl.export')}
          </Button>
        }
      />
      <PeriodNote from={filters.from} to={filters.to} onClear={() => set({ from: undefined, to: undefined })} />
      <div className="ty-panel">
        <div className="ty-filters" role="search">
          <AreaFilter value={filters.orgId} onChange={(orgId) => set({ orgId })} />
          <MonthFilter from={filters.from} to={filters.to} onChange={(from, to) => set({ from, to })} />
          {own}
          <JobFilter value={filters.jobId} onChange={(jobId) => set({ jobId })} />
          <FairFilter value={filters.fairId} onChange={(fairId) => set({ fairId })} />
        </div>
        <InfiniteTable<T>
          query={list}
          columns={columns}
          footer={{ total: true, countTestId: `${testId}-count` }}
          scroll={{ x: scrollX }}
        />
      </div>
    </div>
  );
}
