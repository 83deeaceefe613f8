import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RegionCreateBody, RegionView } from '@touyan/schemas';
import { api } from '../../api/client';

export const regionKeys = {
  all: ['regions'] as const,
  children: (parent: string | null) => ['regions', 'children', parent] as const,
  one: (code: string) => ['regions', 'one', code] as const,
  search: (q: string) => ['regions', 'search', q] as const,
};

export const fetchRegionChildren = (parent: string | null) =>
  api.get('/regions', { query: { parent: parent ?? undefined } }).then((r) => r.items);

export const fetchRegion = (code: string) => api.get('/regions/:code', { params: { code } });

/** Regions matching a name, or the one region of a 6-digit code. */
export async function searchRegions(q: string): Promise<RegionView[]> {
  const s = q.trim();
  if (!s) return [];
  if (/^\d{6}$/.test(s)) {
    try {
      return [await fetchRegion(s)];
    } catch {
      return [];
    }
  }
  return (await api.get('/regions', { query: { q: s } })).items;
}

export function useRegion(code: string | null) {
  return useQuery({ queryKey: regionKeys.one(code ?? ''), queryFn: () => fetchRegion(code!), enabled: !!code });
}

export function useRegionSearch(q: string) {
  return useQuery({ queryKey: regionKeys.search(q.trim()), queryFn: () => searchRegions(q), enabled: q.trim() !== '' });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: regionKeys.all });
}

export function useRenameRegion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { code: string; name: string; version: number }) =>
      api.patch('/regions/:code', { params: { code: v.code }, body: { name: v.name, version: v.version } }),
    onSuccess: invalidate,
  });
}

export function useCreateRegion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: RegionCreateBody) => api.post('/regions', { body: b }),
    onSuccess: invalidate,
  });
}

export function useMoveRegion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { code: string; parentCode: string | null; version: number }) =>
      api.post('/regions/:code/move', {
        params: { code: v.code },
        body: { parentCode: v.parentCode, version: v.version },
      }),
    onSuccess: invalidate,
  });
}
