import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignCreateBody, CampaignStatus, CampaignUpdateBody, CampaignView } from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export interface CampaignFilters {
  year?: number;
  status?: CampaignStatus;
}

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (f: CampaignFilters) => ['campaigns', 'list', f] as const,
  one: (id: string) => ['campaigns', 'one', id] as const,
  options: ['campaigns', 'options'] as const,
};

const PAGE_SIZE = 20;

export function useCampaignList(filters: CampaignFilters) {
  return useRouteList({
    queryKey: campaignKeys.list(filters),
    path: '/campaigns',
    query: { ...filters },
    limit: PAGE_SIZE,
  });
}

/** Every visible campaign (at most 200, newest first), for filters and pickers. */
export function useCampaignChoices(enabled = true) {
  return useQuery({
    queryKey: campaignKeys.options,
    queryFn: () => api.get('/campaigns', { query: { limit: 200 } }).then((p) => p.items),
    enabled,
    staleTime: 60_000,
  });
}

export function useCampaignDetail(id: string | undefined) {
  return useQuery({
    queryKey: campaignKeys.one(id ?? ''),
    queryFn: () => api.get('/campaigns/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

/** A campaign changed: every cached copy of campaigns (here and in other features' pickers) is stale. */
function useCampaignSaved() {
  const qc = useQueryClient();
  return async (saved: CampaignView) => {
    qc.setQueryData(campaignKeys.one(saved.id), saved);
    await qc.invalidateQueries({
      predicate: (q) =>
        JSON.stringify(q.queryKey).includes('campaign') &&
        !(q.queryKey[0] === 'campaigns' && q.queryKey[1] === 'one' && q.queryKey[2] === saved.id),
    });
  };
}

export function useCreateCampaign() {
  const saved = useCampaignSaved();
  return useMutation({
    mutationFn: (b: CampaignCreateBody) => api.post('/campaigns', { body: b }),
    onSuccess: saved,
  });
}

export function useUpdateCampaign() {
  const saved = useCampaignSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CampaignUpdateBody }) =>
      api.patch('/campaigns/:id', { params: { id }, body }),
    onSuccess: saved,
  });
}

export function useCampaignEvent() {
  const saved = useCampaignSaved();
  return useMutation({
    mutationFn: ({ id, event, version }: { id: string; event: 'publish' | 'close'; version: number }) =>
      api.post(`/campaigns/:id/${event}`, { params: { id }, body: { version } }),
    onSuccess: saved,
  });
}
