import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DashboardPeriodKind } from '@touyan/schemas';
import { api, buildQuery } from '../../api/client';
import { useLocale } from '../../i18n';

export interface DashboardParams {
  region?: string;
  period: DashboardPeriodKind;
  from?: string;
  to?: string;
}

/** The dashboard's query string (also the Excel export's and the print view's). */
export function dashboardQueryString(p: DashboardParams, extra: Record<string, string> = {}): string {
  const q: Record<string, string> = { period: p.period, ...extra };
  if (p.region) q.region = p.region;
  if (p.to) q.to = p.to;
  if (p.period === 'custom' && p.from) q.from = p.from;
  return buildQuery(q);
}

export function readParams(sp: URLSearchParams): DashboardParams {
  const period = (sp.get('period') ?? 'month') as DashboardPeriodKind;
  return {
    region: sp.get('region') ?? undefined,
    period: ['month', 'quarter', 'year', 'custom'].includes(period) ? period : 'month',
    from: sp.get('from') ?? undefined,
    to: sp.get('to') ?? undefined,
  };
}

/** The dashboard of an area and period (labels in the current language), refreshed every `refreshMs` if given. */
export function useDashboard(p: DashboardParams, refreshMs?: number) {
  const [locale] = useLocale();
  return useQuery({
    queryKey: ['dashboards', locale, p.region ?? '', p.period, p.from ?? '', p.to ?? ''],
    queryFn: ({ signal }) =>
      api.get('/dashboards/overview', {
        query: {
          region: p.region,
          period: p.period,
          from: p.period === 'custom' ? p.from : undefined,
          to: p.to,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: refreshMs,
    staleTime: refreshMs ? 0 : 30_000,
    gcTime: refreshMs ? 0 : 5 * 60_000,
    enabled: p.period !== 'custom' || (!!p.from && !!p.to),
  });
}
