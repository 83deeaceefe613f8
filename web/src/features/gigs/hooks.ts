import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  GigDecideBody,
  GigIntentionBody,
  GigJobCreateBody,
  GigPreferenceBody,
  GigRejectBody,
  GigVersionBody,
} from '@touyan/schemas';
import { api } from '../../api/client';

export const gigKeys = {
  all: ['gigs'] as const,
  forMe: (q: Record<string, string>) => ['gigs', 'for-me', q] as const,
  mine: ['gigs', 'intentions', 'mine'] as const,
  prefs: ['gigs', 'prefs'] as const,
  jobs: (q: Record<string, string>) => ['gigs', 'jobs', q] as const,
  applicants: (jobId: string) => ['gigs', 'intentions', jobId] as const,
  matches: (jobId: string) => ['gigs', 'matches', jobId] as const,
};

export function useForMe(q: Record<string, string>) {
  return useQuery({ queryKey: gigKeys.forMe(q), queryFn: () => api.get('/gig-jobs/for-me', { query: q as never }) });
}

export function useMyIntentions() {
  return useQuery({
    queryKey: gigKeys.mine,
    queryFn: () => api.get('/gig-intentions', { query: { limit: 50 } as never }),
  });
}

export function useMyPreferences() {
  return useQuery({ queryKey: gigKeys.prefs, queryFn: () => api.get('/gig-preferences/me') });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GigPreferenceBody) => api.put('/gig-preferences/me', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: gigKeys.all }),
  });
}

export function useApply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ jobId, body }: { jobId: string; body: GigIntentionBody }) =>
      api.post('/gig-jobs/:id/intentions', { params: { id: jobId }, body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: gigKeys.all }),
  });
}

export function useIntentionAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'share' | 'withdraw' }) =>
      action === 'share'
        ? api.post('/gig-intentions/:id/share', { params: { id } })
        : api.post('/gig-intentions/:id/withdraw', { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: gigKeys.all }),
  });
}

export function useGigJobs(q: Record<string, string>) {
  return useQuery({ queryKey: gigKeys.jobs(q), queryFn: () => api.get('/gig-jobs', { query: q as never }) });
}

export function useApplicants(jobId: string | null) {
  return useQuery({
    queryKey: gigKeys.applicants(jobId ?? ''),
    queryFn: () => api.get('/gig-intentions', { query: { jobId, limit: 200 } as never }),
    enabled: !!jobId,
  });
}

export function useMatches(jobId: string | null) {
  return useQuery({
    queryKey: gigKeys.matches(jobId ?? ''),
    queryFn: () => api.get('/gig-jobs/:id/matches', { params: { id: jobId! }, query: { limit: 20 } as never }),
    enabled: !!jobId,
  });
}

export function useCreateJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GigJobCreateBody) => api.post('/gig-jobs', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: gigKeys.all }),
  });
}

export function useJobAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      action,
      body,
    }: {
      id: string;
      action: 'approve' | 'reject' | 'close' | 'reopen';
      body: GigVersionBody | GigRejectBody;
    }) => {
      if (action === 'reject') return api.post('/gig-jobs/:id/reject', { params: { id }, body: body as GigRejectBody });
      if (action === 'approve') return api.post('/gig-jobs/:id/approve', { params: { id }, body });
      if (action === 'close') return api.post('/gig-jobs/:id/close', { params: { id }, body });
      return api.post('/gig-jobs/:id/reopen', { params: { id }, body });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: gigKeys.all }),
  });
}

export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: GigDecideBody }) =>
      api.post('/gig-intentions/:id/decide', { params: { id }, body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: gigKeys.all }),
  });
}
