import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CheckInBody, RatingBody, StationUpkeepBody } from '@touyan/schemas';
import { api } from '../../api/client';

export const stationKeys = {
  all: ['stations'] as const,
  nearby: (q: Record<string, string>) => ['stations', 'nearby', q] as const,
  mine: ['stations', 'mine'] as const,
  checkIns: (id: string, day: string) => ['stations', 'check-ins', id, day] as const,
  code: (id: string) => ['stations', 'code', id] as const,
  usage: (id: string, from: string, to: string) => ['stations', 'usage', id, from, to] as const,
};

export function useNearby(q: Record<string, string> | null) {
  return useQuery({
    queryKey: stationKeys.nearby(q ?? {}),
    queryFn: () => api.get('/stations/nearby', { query: q as never }),
    enabled: !!q,
  });
}

export function useCheckIn() {
  return useMutation({ mutationFn: (body: CheckInBody) => api.post('/station-check-ins', { body }) });
}

export function useRate() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RatingBody }) =>
      api.post('/station-check-ins/:id/rating', { params: { id }, body }),
  });
}

/** The stations the signed-in station manager keeps. */
export function useMyStations() {
  return useQuery({
    queryKey: stationKeys.mine,
    queryFn: () => api.get('/stations', { query: { limit: 20 } as never }),
  });
}

export function useCheckIns(id: string, day: string) {
  return useQuery({
    queryKey: stationKeys.checkIns(id, day),
    queryFn: () =>
      api.get('/stations/:id/check-ins', { params: { id }, query: { from: day, to: day, limit: 100 } as never }),
    refetchInterval: 60_000,
  });
}

export function useUsage(id: string, from: string, to: string) {
  return useQuery({
    queryKey: stationKeys.usage(id, from, to),
    queryFn: () => api.get('/stations/usage', { query: { stationId: id, from, to } }),
  });
}

export function useStationCode(id: string, enabled: boolean) {
  return useQuery({
    queryKey: stationKeys.code(id),
    queryFn: () => api.get('/stations/:id/code', { params: { id } }),
    enabled,
  });
}

export function useReissueCode(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/stations/:id/code', { params: { id } }),
    onSuccess: (code) => qc.setQueryData(stationKeys.code(id), code),
  });
}

export function useUpkeep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StationUpkeepBody) => api.patch('/stations/:id/upkeep', { params: { id }, body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: stationKeys.mine }),
  });
}
