import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HostOrgCreateBody, HostOrgListQuery, HostOrgUpdateBody } from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export type HostOrgFilters = Partial<
  Pick<HostOrgListQuery, 'q' | 'regionCode' | 'type' | 'sizeClass' | 'coverage' | 'park'>
>;

export const hostOrgKeys = {
  all: ['host-orgs'] as const,
  list: (f: HostOrgFilters) => ['host-orgs', 'list', f] as const,
  one: (id: string) => ['host-orgs', 'one', id] as const,
  parks: ['host-orgs', 'parks'] as const,
  search: (q: string) => ['host-orgs', 'search', q] as const,
};

const PAGE_SIZE = 20;

/** Keyset pages; the first page also asks for the total. */
export function useHostOrgList(filters: HostOrgFilters) {
  return useRouteList({
    queryKey: hostOrgKeys.list(filters),
    path: '/host-orgs',
    query: { ...filters },
    limit: PAGE_SIZE,
    withTotal: true,
  });
}

export function useHostOrg(id: string | undefined) {
  return useQuery({
    queryKey: hostOrgKeys.one(id ?? ''),
    queryFn: () => api.get('/host-orgs/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

/** Host organisations by name, for pickers. */
export function useHostOrgSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: hostOrgKeys.search(q),
    queryFn: () => api.get('/host-orgs', { query: { q: q || undefined, limit: 20 } }).then((p) => p.items),
    enabled,
  });
}

export function useParks(enabled = true) {
  return useQuery({
    queryKey: hostOrgKeys.parks,
    queryFn: () => api.get('/host-orgs/parks').then((r) => r.items),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useInstructors(enabled = true) {
  return useQuery({
    queryKey: ['instructors'],
    queryFn: () => api.get('/instructors').then((r) => r.items),
    enabled,
  });
}

export function useSpecialists(enabled = true) {
  return useQuery({
    queryKey: ['users', 'specialists'],
    queryFn: () => api.get('/users', { query: { role: 'specialist', limit: 200 } }).then((r) => r.items),
    enabled,
  });
}

export function useCreateHostOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: HostOrgCreateBody) => api.post('/host-orgs', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: hostOrgKeys.all }),
  });
}

export function useUpdateHostOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: HostOrgUpdateBody }) =>
      api.patch('/host-orgs/:id', { params: { id }, body }),
    onSuccess: (saved) => {
      qc.setQueryData(hostOrgKeys.one(saved.id), saved);
      return qc.invalidateQueries({ queryKey: hostOrgKeys.all });
    },
  });
}
