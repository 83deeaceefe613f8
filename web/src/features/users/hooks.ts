import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role, RoleGrantBody, UserCreateBody, UserUpdateBody, UserView } from '@touyan/schemas';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export interface UserFilters {
  q?: string;
  role?: Role;
}

export const userKeys = {
  all: ['users'] as const,
  list: (f: UserFilters) => ['users', 'list', f] as const,
};

export function useUserList(filters: UserFilters) {
  return useRouteList({
    queryKey: userKeys.list(filters),
    path: '/users',
    query: { ...filters },
    limit: 20,
  });
}

function useUserMutation<V>(fn: (v: V) => Promise<UserView | { ok: true }>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }) });
}

export const useCreateUser = () => useUserMutation((b: UserCreateBody) => api.post('/users', { body: b }));
export const useUpdateUser = () =>
  useUserMutation(({ id, body }: { id: string; body: UserUpdateBody }) =>
    api.patch('/users/:id', { params: { id }, body }),
  );
export const useGrantRole = () =>
  useUserMutation(({ id, body }: { id: string; body: RoleGrantBody }) =>
    api.post('/users/:id/roles', { params: { id }, body }),
  );
export const useRevokeRole = () =>
  useUserMutation(({ id, bindingId }: { id: string; bindingId: string }) =>
    api.del('/users/:id/roles/:bindingId', { params: { id, bindingId } }),
  );
export const useResetPassword = () =>
  useUserMutation(({ id, newPassword }: { id: string; newPassword: string }) =>
    api.post('/users/:id/reset-password', { params: { id }, body: { newPassword } }),
  );
export const useUnlockUser = () => useUserMutation((id: string) => api.post('/users/:id/unlock', { params: { id } }));
