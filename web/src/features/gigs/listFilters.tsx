import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { useT } from '../../i18n';
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

/** A job picked by title (the job list's search), the current one kept as an option. */
export function JobFilter({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const jobs = useQuery({
    queryKey: ['gigs', 'job-pick', q],
    queryFn: () => api.get('/gig-jobs', { query: { q: q || undefined, limit: 20 } as never }).then((p) => p.items),
  });
  const current = useQuery({
    queryKey: ['gigs', 'job', value],
    queryFn: () => api.get('/gig-jobs/:id', { params: { id: value! } }),
    enabled: !!value,
  });
  const options = (jobs.data ?? []).map((j) => ({ value: j.id, label: `${j.title} · ${j.hostOrgName}` }));
  if (current.data && !options.some((o) => o.value === value))
    options.unshift({ value: current.data.id, label: `${current.data.title} · ${current.data.hostOrgName}` });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      aria-label={t('gl.job')}
      placeholder={t('gl.job')}
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={options}
      style={{ width: 220 }}
    />
  );
}

/** A fair picked by title. */
export function FairFilter({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const fairs = useQuery({
    queryKey: ['gigs', 'fair-pick', q],
    queryFn: () => api.get('/gig-fairs', { query: { q: q || undefined, limit: 20 } as never }).then((p) => p.items),
  });
  const current = useQuery({
    queryKey: ['gigs', 'fair', value],
    queryFn: () => api.get('/gig-fairs/:id', { params: { id: value! } }),
    enabled: !!value,
  });
  const options = (fairs.data ?? []).map((f) => ({ value: f.id, label: `${f.heldOn} ${f.title}` }));
  if (current.data && !options.some((o) => o.value === value))
    options.unshift({ value: current.data.id, label: `${current.data.heldOn} ${current.data.title}` });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      aria-label={t('gl.fair')}
      placeholder={t('gl.fair')}
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={options}
      style={{ width: 240 }}
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
