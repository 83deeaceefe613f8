import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PartyOrgCreateBody, PartyOrgUpdateBody } from '@touyan/schemas';
import { api } from '../../api/client';

export const partyOrgKeys = {
  all: ['party-orgs'] as const,
  tree: ['party-orgs', 'tree'] as const,
  one: (id: string) => ['party-orgs', 'one', id] as const,
};

/** The whole visible tree as a flat list (ordered by depth, then name). */
export function usePartyOrgTree(enabled = true) {
  return useQuery({
    queryKey: partyOrgKeys.tree,
    queryFn: () => api.get('/party-orgs/tree').then((r) => r.items),
    enabled,
  });
}

export function usePartyOrg(id: string | null) {
  return useQuery({
    queryKey: partyOrgKeys.one(id ?? ''),
    queryFn: () => api.get('/party-orgs/:id', { params: { id: id! } }),
    enabled: !!id,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: partyOrgKeys.all });
}

export function useCreatePartyOrg() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (b: PartyOrgCreateBody) => api.post('/party-orgs', { body: b }),
    onSuccess: invalidate,
  });
}

export function useUpdatePartyOrg() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PartyOrgUpdateBody }) =>
      api.patch('/party-orgs/:id', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useMovePartyOrg() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (v: { id: string; parentId: string; version: number }) =>
      api.post('/party-orgs/:id/move', { params: { id: v.id }, body: { parentId: v.parentId, version: v.version } }),
    onSuccess: invalidate,
  });
}

export function useDeletePartyOrg() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.del('/party-orgs/:id', { params: { id } }),
    onSuccess: invalidate,
  });
}
