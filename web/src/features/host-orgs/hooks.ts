import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CoverageGroupBy,
  CrossPostCreateBody,
  HostOrgCreateBody,
  HostOrgListInput,
  HostOrgUpdateBody,
  PartyMemberCreateBody,
} from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export type HostOrgFilters = Partial<
  Pick<
    HostOrgListInput,
    | 'q'
    | 'regionCode'
    | 'type'
    | 'sizeClass'
    | 'coverage'
    | 'park'
    | 'industry'
    | 'orgCoverageKind'
    | 'threeHas'
    | 'regionExact'
    | 'parkNone'
  >
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

/** One host organisation, the whole record (the list's rows carry only the table's columns). */
export const fetchHostOrg = (id: string) => api.get('/host-orgs/:id', { params: { id } });

export function useHostOrg(id: string | undefined) {
  return useQuery({
    queryKey: hostOrgKeys.one(id ?? ''),
    queryFn: () => fetchHostOrg(id!),
    enabled: !!id,
  });
}

/** Loads one record (through the query cache) for a form: the list's rows carry only the table's columns. */
export function useLoadHostOrg() {
  const qc = useQueryClient();
  return useCallback(
    (id: string) =>
      qc.fetchQuery({
        queryKey: hostOrgKeys.one(id),
        queryFn: () => fetchHostOrg(id),
        staleTime: 0,
      }),
    [qc],
  );
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

// ---- The ledger (issue 11) ----

export function useCoverage(groupBy: CoverageGroupBy, regionCode: string | undefined) {
  return useQuery({
    queryKey: ['host-orgs', 'coverage', groupBy, regionCode ?? ''],
    queryFn: () => api.get('/host-orgs/coverage', { query: { groupBy, regionCode } }),
  });
}

export function useCrossPosts(id: string) {
  return useQuery({
    queryKey: ['host-orgs', 'cross-posts', id],
    queryFn: () => api.get('/host-orgs/:id/cross-posts', { params: { id } }).then((r) => r.items),
  });
}
export function usePartyMembers(id: string) {
  return useQuery({
    queryKey: ['host-orgs', 'party-members', id],
    queryFn: () => api.get('/host-orgs/:id/party-members', { params: { id } }).then((r) => r.items),
  });
}
export function useAssignments(id: string) {
  return useQuery({
    queryKey: ['host-orgs', 'assignments', id],
    queryFn: () => api.get('/host-orgs/:id/assignments', { params: { id } }).then((r) => r.items),
  });
}

export function useUsersForPicker(enabled = true) {
  return useQuery({
    queryKey: ['users', 'picker'],
    queryFn: () => api.get('/users', { query: { limit: 200 } }).then((r) => r.items),
    enabled,
  });
}

/** Saves, updates or deletes a cross post or a 亮身份 Party member, then reloads that list. */
export function useLedgerItemMutation(kind: 'cross-posts' | 'party-members', id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (
      op:
        | { action: 'save'; itemId?: string; version?: number; body: CrossPostCreateBody | PartyMemberCreateBody }
        | { action: 'delete'; itemId: string },
    ) => {
      if (op.action === 'delete') {
        if (kind === 'cross-posts') {
          await api.del('/host-orgs/:id/cross-posts/:itemId', { params: { id, itemId: op.itemId } });
        } else {
          await api.del('/host-orgs/:id/party-members/:itemId', { params: { id, itemId: op.itemId } });
        }
        return;
      }
      if (kind === 'cross-posts') {
        const body = op.body as CrossPostCreateBody;
        if (op.itemId) {
          await api.patch('/host-orgs/:id/cross-posts/:itemId', {
            params: { id, itemId: op.itemId },
            body: { ...body, version: op.version! },
          });
        } else await api.post('/host-orgs/:id/cross-posts', { params: { id }, body });
      } else {
        const body = op.body as PartyMemberCreateBody;
        if (op.itemId) {
          await api.patch('/host-orgs/:id/party-members/:itemId', {
            params: { id, itemId: op.itemId },
            body: { ...body, version: op.version! },
          });
        } else await api.post('/host-orgs/:id/party-members', { params: { id }, body });
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['host-orgs', kind, id] }),
  });
}
