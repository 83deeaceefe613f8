import { DatePicker, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { PASS_VERDICT_LABELS, PASS_VERDICTS, type PassVerdict, type ScanRowView } from '@touyan/schemas';
import { InfiniteTable } from '../../components/list-kit/InfiniteTable';
import { useRouteList } from '../../components/list-kit/query';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/time';
import { useLocale, useT } from '../../i18n';
import { FilterAlert } from '../../components/list-kit/FilterAlert';

interface ScanFilters {
  orgId?: string;
  from?: string;
  to?: string;
  verdict?: PassVerdict;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in the address (`?orgId=…&from=…&to=…&verdict=…`): a dashboard figure links here. */
function readFilters(p: URLSearchParams): ScanFilters {
  const date = (k: string) => {
    const v = p.get(k);
    return v && DATE.test(v) ? v : undefined;
  };
  const verdict = p.get('verdict');
  return {
    orgId: p.get('orgId') ?? undefined,
    from: date('from'),
    to: date('to'),
    verdict: PASS_VERDICTS.find((v) => v === verdict),
  };
}

function filterParams(f: ScanFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p;
}

/**
 * 核验记录: every scan at the compounds the staff user manages, newest upload first, with the total —
 * the list behind the dashboards' scan figures (same filters, same count).
 */
export default function ScansPage() {
  const t = useT();
  const [locale] = useLocale();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const set = (patch: Partial<ScanFilters>) => setParams(filterParams({ ...filters, ...patch }), { replace: true });
  const list = useRouteList({
    queryKey: ['passes', 'scans', filters],
    path: '/pass-scans',
    query: { ...filters },
    limit: 50,
    withTotal: true,
  });
  const verdictLabel = (v: string) => PASS_VERDICT_LABELS[v as PassVerdict]?.[locale] ?? v;

  const columns: ColumnsType<ScanRowView> = [
    { title: t('passes.scannedAt'), dataIndex: 'scannedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: t('passes.compound'), dataIndex: 'compoundName', ellipsis: true },
    { title: t('passes.gate'), dataIndex: 'gateName', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: t('passes.verdict'),
      dataIndex: 'verdict',
      width: 120,
      render: (v: string) => <Tag color={v === 'valid' ? 'green' : 'red'}>{verdictLabel(v)}</Tag>,
    },
    {
      title: t('passes.offline'),
      dataIndex: 'offline',
      width: 100,
      render: (v: boolean) => (v ? t('passes.offlineYes') : ''),
    },
  ];
  const range: [Dayjs, Dayjs] | null = filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null;

  return (
    <div>
      <PageHeader title={t('passes.scans')} sub={t('passes.scansSub')} />
      <div className="ty-panel">
        {filters.orgId && (
          <FilterAlert
            testId="scans-area-filter"
            message={t('passes.scansAreaFilter')}
            clearLabel={t('passes.clearFilter')}
            onClear={() => set({ orgId: undefined })}
          />
        )}
        <div className="ty-filters" role="search">
          <DatePicker.RangePicker
            aria-label={t('passes.scannedAt')}
            value={range}
            onChange={(v) =>
              set({ from: v?.[0]?.format('YYYY-MM-DD') ?? undefined, to: v?.[1]?.format('YYYY-MM-DD') ?? undefined })
            }
          />
          <Select
            allowClear
            placeholder={t('passes.verdict')}
            aria-label={t('passes.verdict')}
            value={filters.verdict}
            onChange={(v?: PassVerdict) => set({ verdict: v })}
            options={PASS_VERDICTS.map((v) => ({ value: v, label: verdictLabel(v) }))}
            style={{ width: 160 }}
          />
        </div>
        <InfiniteTable<ScanRowView> query={list} columns={columns} empty={t('passes.noScans')} />
      </div>
    </div>
  );
}
