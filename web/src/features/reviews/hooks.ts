import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignView,
  DecisionBody,
  JudgementBody,
  MeetingCreateBody,
  MeetingListItem,
  MeetingStatus,
  MeetingUpdateBody,
  MeetingView,
  Page,
  ProjectListItem,
  ProjectReviewView,
  UserView,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { useCursorList } from '../../components/list-kit/query';

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
  return useCursorList<Page<MeetingListItem>>({
    queryKey: reviewKeys.list(status),
    path: '/review-meetings',
    query: { status },
    limit: PAGE_SIZE,
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: reviewKeys.one(id ?? ''),
    queryFn: () => api.get<MeetingView>(`/review-meetings/${id}`),
    enabled: !!id,
  });
}

export function useProjectReviews(projectId: string) {
  return useQuery({
    queryKey: reviewKeys.byProject(projectId),
    queryFn: () => api.get<{ items: ProjectReviewView[] }>(`/review-meetings/by-project/${projectId}`),
  });
}

/** Published campaigns whose review meetings the user may organise. */
export function useMeetingCampaigns(enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.campaigns,
    queryFn: () =>
      api
        .get<Page<CampaignView>>('/campaigns', { status: 'published', limit: 100 })
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
          api.get<Page<UserView>>('/users', { role, limit: 200 }).then((p) => p.items),
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
      api.get<Page<ProjectListItem>>('/projects', { campaignId, status: 'submitted', limit: 200 }).then((p) => p.items),
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
    mutationFn: (b: MeetingCreateBody) => api.post<MeetingView>('/review-meetings', b),
    onSuccess: settle,
  });
}

export function useUpdateMeeting(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (b: MeetingUpdateBody) => api.patch<MeetingView>(`/review-meetings/${id}`, b),
    onSuccess: settle,
  });
}

export function useAddItems(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (projectIds: string[]) => api.post<MeetingView>(`/review-meetings/${id}/items`, { projectIds }),
    onSuccess: settle,
  });
}

export function useRemoveItem(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (itemId: string) => api.del<MeetingView>(`/review-meetings/${id}/items/${itemId}`),
    onSuccess: settle,
  });
}

export function useJudge(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: JudgementBody }) =>
      api.put<MeetingView>(`/review-meetings/${id}/items/${itemId}/judgement`, body),
    onSuccess: settle,
  });
}

export function useDecide(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: DecisionBody }) =>
      api.put<MeetingView>(`/review-meetings/${id}/items/${itemId}/decision`, body),
    onSuccess: settle,
  });
}

export function useCloseMeeting(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (version: number) => api.post<MeetingView>(`/review-meetings/${id}/close`, { version }),
    onSuccess: settle,
  });
}
