import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DemandAction, DemandCategory, DemandMeasure, DemandRating, DemandStatus } from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export interface DemandFilters {
  status?: DemandStatus;
  category?: DemandCategory;
  overdue?: '1';
  q?: string;
  /** A bound indicator's link (project detail) sets these: the rows behind its value. */
  measure?: DemandMeasure;
  categoryGroup?: 'factor';
  orgId?: string;
  from?: string;
  to?: string;
}

/** The filters a link to the list may carry (`/demands?measure=resolved&orgId=…&from=…&to=…`). */
export const DEMAND_LINK_KEYS = ['status', 'category', 'measure', 'categoryGroup', 'orgId', 'from', 'to'] as const;

export const demandKeys = {
  all: ['demands'] as const,
  list: (f: DemandFilters) => ['demands', 'list', f] as const,
  one: (id: string) => ['demands', 'one', id] as const,
};

export function useDemandList(filters: DemandFilters) {
  return useRouteList({ queryKey: demandKeys.list(filters), path: '/demands', query: { ...filters }, limit: 30 });
}

export function useDemand(id: string | undefined) {
  return useQuery({
    queryKey: demandKeys.one(id ?? ''),
    queryFn: () => api.get('/demands/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

/** Departments the caller may route or transfer to (active ones). */
export function useDepartments(enabled: boolean) {
  return useQuery({
    queryKey: ['departments', 'active'],
    queryFn: () => api.get('/departments', { query: { active: '1', limit: 200 } }).then((p) => p.items),
    enabled,
  });
}

export interface ActionInput {
  id: string;
  action: DemandAction;
  version: number;
  note?: string;
  departmentId?: string;
  rating?: DemandRating;
}

/** One workflow step on a demand; the lists and the detail are stale afterwards. */
export function useDemandAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, version, note, departmentId, rating }: ActionInput) => {
      const params = { id };
      switch (action) {
        case 'accept':
          return api.post('/demands/:id/accept', { params, body: { version } });
        case 'close':
          return api.post('/demands/:id/close', { params, body: { version } });
        case 'reply':
          return api.post('/demands/:id/reply', { params, body: { version, note: note ?? '' } });
        case 'return':
          return api.post('/demands/:id/return', { params, body: { version, note: note ?? '' } });
        case 'resolve':
          return api.post('/demands/:id/resolve', { params, body: { version, note: note ?? '' } });
        case 'transfer':
          return api.post('/demands/:id/transfer', {
            params,
            body: { version, note: note ?? '', departmentId: departmentId ?? '' },
          });
        case 'reroute':
          return api.post('/demands/:id/reroute', { params, body: { version, departmentId: departmentId ?? '' } });
        case 'rate':
          return api.post('/demands/:id/rate', { params, body: { version, rating: rating ?? 'satisfied' } });
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: demandKeys.all }),
  });
}

/** The 接诉即办 figures, by lead department or by region. */
export function useDemandStats(groupBy: 'department' | 'region', enabled: boolean) {
  return useQuery({
    queryKey: ['demands', 'stats', groupBy],
    queryFn: () => api.get('/demands/stats', { query: { groupBy } }),
    enabled,
  });
}
