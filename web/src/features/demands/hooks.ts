import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DEMAND_CATEGORY_CODES,
  DEMAND_MEASURES,
  DEMAND_STATUS_CODES,
  type DemandAction,
  type DemandCategory,
  type DemandCreateBody,
  type DemandMeasure,
  type DemandRating,
  type DemandStatus,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export interface DemandFilters {
  status?: DemandStatus;
  category?: DemandCategory;
  categoryGroup?: 'factor';
  open?: '1';
  overdue?: '1';
  measure?: DemandMeasure;
  hostOrgId?: string;
  q?: string;
  /** A bound indicator's link (project detail) sets these too: the rows behind its value. */
  orgId?: string;
  from?: string;
  to?: string;
}

const ulid = (v: string | null) => (v && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(v) ? v : undefined);
const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
const pick = <T extends string>(v: string | null, codes: readonly T[]): T | undefined =>
  v !== null && (codes as readonly string[]).includes(v) ? (v as T) : undefined;

/**
 * The list's filters from the address (`/demands?measure=resolved&categoryGroup=factor`), so the
 * home's figures link to exactly the rows they count; unknown values are dropped.
 */
export function readDemandFilters(params: URLSearchParams): DemandFilters {
  const f: DemandFilters = {
    status: pick(params.get('status'), DEMAND_STATUS_CODES),
    category: pick(params.get('category'), DEMAND_CATEGORY_CODES),
    categoryGroup: pick(params.get('categoryGroup'), ['factor'] as const),
    open: pick(params.get('open'), ['1'] as const),
    overdue: pick(params.get('overdue'), ['1'] as const),
    measure: pick(params.get('measure'), DEMAND_MEASURES),
    hostOrgId: ulid(params.get('hostOrgId')),
    q: params.get('q')?.trim() || undefined,
    orgId: ulid(params.get('orgId')),
    from: date(params.get('from')),
    to: date(params.get('to')),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as DemandFilters;
}

/** The address of a filtered list. */
export function demandFilterParams(f: DemandFilters): URLSearchParams {
  return new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

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

/** The workflow steps taken from the drawer (posting to the board is the list's own action). */
export type DemandStepAction = Exclude<DemandAction, 'post_to_board'>;

export interface ActionInput {
  id: string;
  action: DemandStepAction;
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
    // A fetch of the detail still in flight when the step is sent would answer the demand as it stood
    // before the step and, landing after it, put the old version back on screen: the next step would
    // then be refused as a conflict. So it is cancelled first.
    onMutate: ({ id }) => qc.cancelQueries({ queryKey: demandKeys.one(id) }),
    // Every step answers the demand as it now stands: the drawer shows it at once (its new version
    // and the next steps), so a next step taken straight away is sent with the current version and
    // not refused as a conflict while the refetch is in flight.
    onSuccess: (view, { id }) => {
      qc.setQueryData(demandKeys.one(id), view);
      return qc.invalidateQueries({ queryKey: demandKeys.all, predicate: (q) => q.queryKey[2] !== id });
    },
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

/** Raises a demand (an enterprise contact for their own firm); the lists are stale afterwards. */
export function useCreateDemand() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DemandCreateBody) => api.post('/demands', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: demandKeys.all }),
  });
}
