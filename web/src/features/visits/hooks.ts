import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OnlineVisitCreateBody, OnlineVisitFillBody, VisitCreateBody } from '@touyan/schemas';
import { api } from '../../api/client';

export const visitKeys = {
  all: ['visits'] as const,
  myFirms: ['visits', 'my-firms'] as const,
  online: (token: string) => ['visits', 'online', token] as const,
};

/** The specialist's firms with their last visit (least recently visited first). */
export function useMyFirms() {
  return useQuery({ queryKey: visitKeys.myFirms, queryFn: () => api.get('/visits/my-firms') });
}

export function useLogVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: VisitCreateBody) => api.post('/visits', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: visitKeys.all }),
  });
}

export function useCreateOnlineVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OnlineVisitCreateBody) => api.post('/visits/online', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: visitKeys.all }),
  });
}

export function useOnlineVisit(token: string) {
  return useQuery({
    queryKey: visitKeys.online(token),
    queryFn: () => api.get('/online-visits/:token', { params: { token } }),
    retry: false,
  });
}

export function useFillOnlineVisit(token: string) {
  return useMutation({
    mutationFn: (body: OnlineVisitFillBody) => api.post('/online-visits/:token', { params: { token }, body }),
  });
}
