import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export const executionKeys = {
  all: ['execution'] as const,
  project: (id: string) => ['execution', 'project', id] as const,
  progress: (id: string) => ['execution', 'project', id, 'progress'] as const,
  milestones: (id: string) => ['execution', 'project', id, 'milestones'] as const,
  indicators: (id: string) => ['execution', 'project', id, 'indicators'] as const,
  reports: (id: string) => ['execution', 'project', id, 'reports'] as const,
  supervision: (id: string) => ['execution', 'project', id, 'supervision'] as const,
  overview: (campaignId: string, year: number, quarter: number) =>
    ['execution', 'overview', campaignId, year, quarter] as const,
  campaigns: ['execution', 'campaigns'] as const,
};

const PAGE_SIZE = 10;

export function useProgressFeed(projectId: string) {
  return useRouteList({
    queryKey: executionKeys.progress(projectId),
    path: '/projects/:id/progress',
    params: { id: projectId },
    limit: PAGE_SIZE,
    keepPrevious: false,
  });
}

const items = <T>(r: { items: T[] }) => r.items;

export function useMilestones(projectId: string) {
  return useQuery({
    queryKey: executionKeys.milestones(projectId),
    queryFn: () => api.get('/projects/:id/milestones', { params: { id: projectId } }).then(items),
  });
}

export function useIndicators(projectId: string) {
  return useQuery({
    queryKey: executionKeys.indicators(projectId),
    queryFn: () => api.get('/projects/:id/indicators', { params: { id: projectId } }).then(items),
  });
}

export function useReports(projectId: string) {
  return useQuery({
    queryKey: executionKeys.reports(projectId),
    queryFn: () => api.get('/projects/:id/quarterly-reports', { params: { id: projectId } }).then(items),
  });
}

export function useSupervision(projectId: string) {
  return useQuery({
    queryKey: executionKeys.supervision(projectId),
    queryFn: () => api.get('/projects/:id/supervision-notices', { params: { id: projectId } }).then(items),
  });
}

export function useQuarterOverview(q: { campaignId?: string; year: number; quarter: number }) {
  return useQuery({
    queryKey: executionKeys.overview(q.campaignId ?? '', q.year, q.quarter),
    queryFn: () =>
      api.get('/quarterly-reports/overview', {
        query: { campaignId: q.campaignId!, year: q.year, quarter: q.quarter },
      }),
    enabled: !!q.campaignId,
  });
}

export function useCampaignChoices() {
  return useQuery({
    queryKey: executionKeys.campaigns,
    queryFn: () => api.get('/campaigns', { query: { limit: 200 } }).then((p) => p.items),
    staleTime: 60_000,
  });
}

/**
 * A write on one project's execution records: afterwards its execution queries and the project
 * itself (latest rating, overdue count, abilities) are fetched again.
 */
export function useExecutionWrite<V, R>(projectId: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: executionKeys.project(projectId) }),
        qc.invalidateQueries({ queryKey: ['execution', 'overview'] }),
        qc.invalidateQueries({ queryKey: ['projects'] }),
      ]),
  });
}
