import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentView, Locale, WorkerCreateBody, WorkerSelfBody, WorkerUpdateBody } from '@touyan/schemas';
import { api, uploadFile } from '../../api/client';

export const workerKeys = {
  all: ['workers'] as const,
  me: ['workers', 'me'] as const,
  one: (id: string) => ['workers', 'one', id] as const,
};

export function useWorker(id: string | null) {
  return useQuery({
    queryKey: workerKeys.one(id ?? ''),
    queryFn: () => api.get('/workers/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

export function useMyRegistration() {
  return useQuery({ queryKey: workerKeys.me, queryFn: () => api.get('/workers/me') });
}

export function useSaveWorker() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: WorkerCreateBody | WorkerUpdateBody }) =>
      id
        ? api.patch('/workers/:id', { params: { id }, body: body as WorkerUpdateBody })
        : api.post('/workers', { body: body as WorkerCreateBody }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: workerKeys.all }),
  });
}

export function useSaveMyRegistration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkerSelfBody) => api.put('/workers/me', { body }),
    onSuccess: (data) => qc.setQueryData(workerKeys.me, data),
  });
}

export type WorkerAction = 'verify' | 'reject' | 'disable';

export function useWorkerAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      action,
      version,
      reason,
    }: {
      id: string;
      action: WorkerAction;
      version: number;
      reason?: string;
    }) => {
      const params = { id };
      if (action === 'verify') return api.post('/workers/:id/verify', { params, body: { version } });
      if (action === 'disable') return api.post('/workers/:id/disable', { params, body: { version } });
      return api.post('/workers/:id/reject', { params, body: { version, reason: reason ?? '' } });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: workerKeys.all }),
  });
}

export function useVerifyBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.post('/workers/verify-batch', { body: { ids } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: workerKeys.all }),
  });
}

export function useRevealWorker() {
  return useMutation({ mutationFn: (id: string) => api.post('/workers/:id/reveal', { params: { id } }) });
}

/** Uploads a registration photo (multipart `file`) with the CSRF header the JSON client would add. */
export async function uploadWorkerPhoto(file: Blob, filename: string, locale: Locale): Promise<AttachmentView> {
  return uploadFile<AttachmentView>('/api/worker-photos', file, filename, locale);
}
