import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AttachmentView,
  Locale,
  OnlineVisitCreateBody,
  OnlineVisitFillBody,
  VisitCreateBody,
  VisitUpdateBody,
} from '@touyan/schemas';
import { api, uploadFile } from '../../api/client';

export const visitKeys = {
  all: ['visits'] as const,
  myFirms: ['visits', 'my-firms'] as const,
  firmVisits: (hostOrgId: string) => ['visits', 'firm', hostOrgId] as const,
  // Under `visits` so that logging a visit (which may raise demands) refreshes them too.
  firmOpenDemands: (hostOrgId: string) => ['visits', 'firm-demands', hostOrgId] as const,
  online: (token: string) => ['visits', 'online', token] as const,
};

/** The specialist's firms with their last visit and open demands (least recently visited first). */
export function useMyFirms() {
  return useQuery({ queryKey: visitKeys.myFirms, queryFn: () => api.get('/visits/my-firms') });
}

/** A firm's latest visits, with their photos and the demands they raised. */
export function useFirmVisits(hostOrgId: string) {
  return useQuery({
    queryKey: visitKeys.firmVisits(hostOrgId),
    queryFn: () => api.get('/visits', { query: { hostOrgId, limit: 10 } }),
  });
}

/** A firm's open demands (the count on the firm list is taken by the same rule). */
export function useFirmOpenDemands(hostOrgId: string) {
  return useQuery({
    queryKey: visitKeys.firmOpenDemands(hostOrgId),
    queryFn: () => api.get('/demands', { query: { hostOrgId, open: '1', limit: 50 } }),
  });
}

/** Edits a visit: its findings, photos added (uploaded first) and removed. */
export function useEditVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: VisitUpdateBody }) =>
      api.patch('/visits/:id', { params: { id }, body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: visitKeys.all }),
  });
}

export function useLogVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: VisitCreateBody) => api.post('/visits', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: visitKeys.all }),
  });
}

/** Uploads one photo (multipart `file`) with the CSRF header the JSON client would add. */
export async function uploadVisitPhoto(file: Blob, filename: string, locale: Locale): Promise<AttachmentView> {
  return uploadFile<AttachmentView>('/api/visit-photos', file, filename, locale);
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
