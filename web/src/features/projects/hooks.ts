import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignView,
  CampaignStatus,
  ContentChange,
  DeclarationContent,
  DeclarationVersionView,
  IndicatorView,
  Page,
  ProjectListItem,
  ProjectListQuery,
  ProjectView,
  TimelineEntry,
} from '@touyan/schemas';
import { api, type QueryValue } from '../../api/client';
import { useCursorList } from '../../components/list-kit/query';

/** The list filters kept in the address bar (`overdue` is "1" when on). */
export type ProjectFilters = Partial<
  Pick<ProjectListQuery, 'campaignId' | 'theme' | 'regionCode' | 'status' | 'targetGroup' | 'rating' | 'q'>
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
export function filterQuery(f: ProjectFilters): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const k of PROJECT_FILTER_KEYS) if (f[k]) out[k] = f[k];
  return out;
}

/** Keyset pages; the first page also asks for the total. */
export function useProjectList(filters: ProjectFilters) {
  return useCursorList<Page<ProjectListItem>>({
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
    queryFn: () => api.get<ProjectView>(`/projects/${id}`),
    enabled: !!id,
  });
}

export function useProjectVersions(id: string) {
  return useQuery({
    queryKey: projectKeys.versions(id),
    queryFn: () => api.get<{ items: DeclarationVersionView[] }>(`/projects/${id}/versions`).then((r) => r.items),
  });
}

export function useVersionCompare(id: string, a: number | null, b: number | null) {
  return useQuery({
    queryKey: projectKeys.compare(id, a ?? 0, b ?? 0),
    queryFn: () =>
      api.get<{ a: number; b: number; changes: ContentChange[] }>(`/projects/${id}/versions/compare`, { a, b }),
    enabled: a !== null && b !== null,
  });
}

export function useProjectTimeline(id: string) {
  return useQuery({
    queryKey: projectKeys.timeline(id),
    queryFn: () => api.get<{ items: TimelineEntry[] }>(`/projects/${id}/timeline`).then((r) => r.items),
  });
}

/** The approved plan's indicators (for the final values at completion). */
export function useFinalIndicators(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.indicators(id),
    queryFn: () =>
      api
        .get<{ items: IndicatorView[] } | IndicatorView[]>(`/projects/${id}/indicators`)
        .then((r) => (Array.isArray(r) ? r : r.items)),
    enabled,
  });
}

/** Campaigns for pickers and filters (at most 200, newest first). */
export function useCampaignOptions(status?: CampaignStatus) {
  return useQuery({
    queryKey: projectKeys.campaigns(status),
    queryFn: () => api.get<Page<CampaignView>>('/campaigns', { status, limit: 200 }).then((p) => p.items),
    staleTime: 60_000,
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.campaign(id ?? ''),
    queryFn: () => api.get<CampaignView>(`/campaigns/${id}`),
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
    api.post<ProjectView>('/projects', b),
  );
}

export function useSaveProject() {
  return useProjectWrite(({ id, content, version }: { id: string; content: DeclarationContent; version: number }) =>
    api.put<ProjectView>(`/projects/${id}/content`, { content, version }),
  );
}

export type ProjectEventName = 'submit' | 'withdraw' | 'resubmit' | 'terminate';

export function useProjectEvent() {
  return useProjectWrite(
    ({ id, event, version, reason }: { id: string; event: ProjectEventName; version: number; reason?: string }) =>
      api.post<ProjectView>(`/projects/${id}/${event}`, { version, ...(reason ? { reason } : {}) }),
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
    }) => api.post<ProjectView>(`/projects/${id}/complete`, body),
  );
}
