import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page, Role, RoleGrantBody, UserCreateBody, UserUpdateBody, UserView } from '@touyan/schemas';
import { api } from '../../api/client';
import { useCursorList } from '../../components/list-kit/query';

export interface UserFilters {
  q?: string;
  role?: Role;
}

export const userKeys = {
  all: ['users'] as const,
  list: (f: UserFilters) => ['users', 'list', f] as const,
};

export function useUserList(filters: UserFilters) {
  return useCursorList<Page<UserView>>({
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

export const useCreateUser = () => useUserMutation((b: UserCreateBody) => api.post<UserView>('/users', b));
export const useUpdateUser = () =>
  useUserMutation(({ id, body }: { id: string; body: UserUpdateBody }) => api.patch<UserView>(`/users/${id}`, body));
export const useGrantRole = () =>
  useUserMutation(({ id, body }: { id: string; body: RoleGrantBody }) =>
    api.post<UserView>(`/users/${id}/roles`, body),
  );
export const useRevokeRole = () =>
  useUserMutation(({ id, bindingId }: { id: string; bindingId: string }) =>
    api.del<UserView>(`/users/${id}/roles/${bindingId}`),
  );
export const useResetPassword = () =>
  useUserMutation(({ id, newPassword }: { id: string; newPassword: string }) =>
    api.post<{ ok: true }>(`/users/${id}/reset-password`, { newPassword }),
  );
export const useUnlockUser = () => useUserMutation((id: string) => api.post<UserView>(`/users/${id}/unlock`));
