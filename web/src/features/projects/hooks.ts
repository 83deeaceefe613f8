import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignStatus, DeclarationContent, ProjectListQuery, ProjectView } from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

/** The list filters kept in the address bar (`overdue` is "1" when on). */
export type ProjectFilters = Partial<
  Pick<
    ProjectListQuery,
    | 'campaignId'
    | 'theme'
    | 'regionCode'
    | 'status'
    | 'targetGroup'
    | 'rating'
    | 'q'
    | 'reportFrom'
    | 'reportTo'
    | 'report'
    | 'reportRating'
    | 'supervision'
    | 'supervisionFrom'
    | 'supervisionTo'
  >
> & { overdue?: '1' };

export const PROJECT_FILTER_KEYS = [
  'campaignId',
  'theme',
  'regionCode',
  'status',
  'targetGroup',
  'rating',
  'overdue',
  'q',
  // The dashboards' figures (季度报告, 督办): shown above the list, cleared together.
  'reportFrom',
  'reportTo',
  'report',
  'reportRating',
  'supervision',
  'supervisionFrom',
  'supervisionTo',
] as const;

export const projectKeys = {
  all: ['projects'] as const,
  list: (f: ProjectFilters) => ['projects', 'list', f] as const,
  one: (id: string) => ['projects', 'one', id] as const,
  versions: (id: string) => ['projects', 'versions', id] as const,
  compare: (id: string, a: number, b: number) => ['projects', 'compare', id, a, b] as const,
  timeline: (id: string) => ['projects', 'timeline', id] as const,
  indicators: (id: string) => ['projects', 'final-indicators', id] as const,
  campaigns: (status?: CampaignStatus) => ['projects', 'campaign-options', status ?? 'any'] as const,
  campaign: (id: string) => ['projects', 'campaign', id] as const,
};

const PAGE_SIZE = 20;

/** The filters as query parameters (the same ones the Excel export receives). */
export function filterQuery(f: ProjectFilters): ProjectFilters {
  return Object.fromEntries(PROJECT_FILTER_KEYS.filter((k) => f[k]).map((k) => [k, f[k]])) as ProjectFilters;
}

/** Keyset pages; the first page also asks for the total. */
export function useProjectList(filters: ProjectFilters) {
  return useRouteList({
    queryKey: projectKeys.list(filters),
    path: '/projects',
    query: filterQuery(filters),
    limit: PAGE_SIZE,
    withTotal: true,
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.one(id ?? ''),
    queryFn: () => api.get('/projects/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

export function useProjectVersions(id: string) {
  return useQuery({
    queryKey: projectKeys.versions(id),
    queryFn: () => api.get('/projects/:id/versions', { params: { id } }).then((r) => r.items),
  });
}

export function useVersionCompare(id: string, a: number | null, b: number | null) {
  return useQuery({
    queryKey: projectKeys.compare(id, a ?? 0, b ?? 0),
    queryFn: () => api.get('/projects/:id/versions/compare', { params: { id }, query: { a, b } }),
    enabled: a !== null && b !== null,
  });
}

export function useProjectTimeline(id: string) {
  return useQuery({
    queryKey: projectKeys.timeline(id),
    queryFn: () => api.get('/projects/:id/timeline', { params: { id } }).then((r) => r.items),
  });
}

/** The approved plan's indicators (for the final values at completion). */
export function useFinalIndicators(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.indicators(id),
    queryFn: () => api.get('/projects/:id/indicators', { params: { id } }).then((r) => r.items),
    enabled,
  });
}

/** The service figures an indicator can be bound to (registered on the server; they change only with a release). */
export function useFigures() {
  return useQuery({
    queryKey: ['indicator-figures'] as const,
    queryFn: () => api.get('/indicator-figures').then((r) => r.items),
    staleTime: Infinity,
  });
}

/** Campaigns for pickers and filters (at most 200, newest first). */
export function useCampaignOptions(status?: CampaignStatus) {
  return useQuery({
    queryKey: projectKeys.campaigns(status),
    queryFn: () => api.get('/campaigns', { query: { status, limit: 200 } }).then((p) => p.items),
    staleTime: 60_000,
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.campaign(id ?? ''),
    queryFn: () => api.get('/campaigns/:id', { params: { id: id! } }),
    enabled: !!id,
    staleTime: 60_000,
  });
}

function useProjectWrite<V>(fn: (v: V) => Promise<ProjectView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (saved) => {
      qc.setQueryData(projectKeys.one(saved.id), saved);
      await qc.invalidateQueries({
        queryKey: projectKeys.all,
        predicate: (q) => !(q.queryKey[1] === 'one' && q.queryKey[2] === saved.id),
      });
    },
  });
}

export function useCreateProject() {
  return useProjectWrite((b: { campaignId: string; orgId: string; content: DeclarationContent }) =>
    api.post('/projects', { body: b }),
  );
}

export function useSaveProject() {
  return useProjectWrite(({ id, content, version }: { id: string; content: DeclarationContent; version: number }) =>
    api.put('/projects/:id/content', { params: { id }, body: { content, version } }),
  );
}

export type ProjectEventName = 'submit' | 'withdraw' | 'resubmit' | 'terminate';

export function useProjectEvent() {
  return useProjectWrite(
    ({ id, event, version, reason }: { id: string; event: ProjectEventName; version: number; reason?: string }) =>
      api.post(`/projects/:id/${event}`, { params: { id }, body: { version, ...(reason ? { reason } : {}) } }),
  );
}

export function useCompleteProject() {
  return useProjectWrite(
    ({
      id,
      ...body
    }: {
      id: string;
      version: number;
      summary: string;
      finalValues: { indicatorId: string; value: number }[];
    }) => api.post('/projects/:id/complete', { params: { id }, body }),
  );
}
