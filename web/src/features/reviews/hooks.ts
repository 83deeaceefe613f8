import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DecisionBody,
  JudgementBody,
  MeetingCreateBody,
  MeetingStatus,
  MeetingUpdateBody,
  MeetingView,
  UserView,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export const reviewKeys = {
  all: ['review-meetings'] as const,
  list: (status?: MeetingStatus) => ['review-meetings', 'list', status ?? 'all'] as const,
  one: (id: string) => ['review-meetings', 'one', id] as const,
  byProject: (projectId: string) => ['review-meetings', 'by-project', projectId] as const,
  campaigns: ['review-meetings', 'campaign-options'] as const,
  candidates: ['review-meetings', 'reviewer-candidates'] as const,
  submitted: (campaignId: string) => ['review-meetings', 'submitted', campaignId] as const,
};

const PAGE_SIZE = 20;

export function useMeetingList(status?: MeetingStatus) {
  return useRouteList({
    queryKey: reviewKeys.list(status),
    path: '/review-meetings',
    query: { status },
    limit: PAGE_SIZE,
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: reviewKeys.one(id ?? ''),
    queryFn: () => api.get('/review-meetings/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

export function useProjectReviews(projectId: string) {
  return useQuery({
    queryKey: reviewKeys.byProject(projectId),
    queryFn: () => api.get('/review-meetings/by-project/:id', { params: { id: projectId } }),
  });
}

/** Published campaigns whose review meetings the user may organise. */
export function useMeetingCampaigns(enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.campaigns,
    queryFn: () =>
      api
        .get('/campaigns', { query: { status: 'published', limit: 100 } })
        .then((p) => p.items.filter((c) => c.abilities.includes('manageReviews'))),
    enabled,
  });
}

/** Users who may review: judges and 社工部 staff the user can see. */
export function useReviewerCandidates(enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.candidates,
    queryFn: async () => {
      const [judges, staff] = await Promise.all(
        (['judge', 'staff'] as const).map((role) =>
          api.get('/users', { query: { role, limit: 200 } }).then((p) => p.items),
        ),
      );
      const out = new Map<string, UserView>();
      for (const u of [...judges!, ...staff!]) if (!u.disabled) out.set(u.id, u);
      return [...out.values()];
    },
    enabled,
    staleTime: 60_000,
  });
}

/** Submitted declarations of a campaign (candidates for the agenda). */
export function useSubmittedProjects(campaignId: string, enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.submitted(campaignId),
    queryFn: () =>
      api.get('/projects', { query: { campaignId, status: 'submitted', limit: 200 } }).then((p) => p.items),
    enabled,
    staleTime: 0,
  });
}

/** After any change: the meeting from the reply, and every list or project page that may show it. */
function useSettle() {
  const qc = useQueryClient();
  return (m: MeetingView) => {
    qc.setQueryData(reviewKeys.one(m.id), m);
    void qc.invalidateQueries({ queryKey: reviewKeys.all, predicate: (q) => q.queryKey[1] !== 'one' });
    void qc.invalidateQueries({ queryKey: ['projects'] });
  };
}

export function useCreateMeeting() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (b: MeetingCreateBody) => api.post('/review-meetings', { body: b }),
    onSuccess: settle,
  });
}

export function useUpdateMeeting(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (b: MeetingUpdateBody) => api.patch('/review-meetings/:id', { params: { id }, body: b }),
    onSuccess: settle,
  });
}

export function useAddItems(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (projectIds: string[]) =>
      api.post('/review-meetings/:id/items', { params: { id }, body: { projectIds } }),
    onSuccess: settle,
  });
}

export function useRemoveItem(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (itemId: string) => api.del('/review-meetings/:id/items/:itemId', { params: { id, itemId } }),
    onSuccess: settle,
  });
}

export function useJudge(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: JudgementBody }) =>
      api.put('/review-meetings/:id/items/:itemId/judgement', { params: { id, itemId }, body }),
    onSuccess: settle,
  });
}

export function useDecide(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: DecisionBody }) =>
      api.put('/review-meetings/:id/items/:itemId/decision', { params: { id, itemId }, body }),
    onSuccess: settle,
  });
}

export function useCloseMeeting(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (version: number) => api.post('/review-meetings/:id/close', { params: { id }, body: { version } }),
    onSuccess: settle,
  });
}
