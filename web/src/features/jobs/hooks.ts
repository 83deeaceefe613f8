import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobState } from '@touyan/schemas';
import { api } from '../../api/client';

export const jobKeys = {
  all: ['admin-jobs'] as const,
  list: (state: JobState) => ['admin-jobs', state] as const,
};

/** The jobs in one state, newest first (the administrator's list; at most 100). */
export function useJobList(state: JobState) {
  return useQuery({
    queryKey: jobKeys.list(state),
    queryFn: () => api.get('/admin/jobs', { query: { state, limit: 100 } }),
  });
}

export function useRetryJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post('/admin/jobs/:id/retry', { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
