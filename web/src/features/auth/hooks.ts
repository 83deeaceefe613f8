import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordBody, LoginBody, Locale, Me, Permission } from '@touyan/schemas';
import { api, setCsrfFallback } from '../../api/client';

export const meKey = ['auth', 'me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    // /auth/session answers null rather than 401 for nobody: no failed request on the log-in page.
    queryFn: async () => {
      const { me } = await api.get('/auth/session');
      setCsrfFallback(me?.csrfToken ?? null);
      return me;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The logged-in user; only inside the authenticated layout. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the authenticated layout');
  return data;
}

export function usePermissions(): (p: Permission) => boolean {
  const { data } = useMe();
  const set = new Set<Permission>(data?.permissions ?? []);
  return (p) => set.has(p);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post('/auth/login', { body }),
    onSuccess: (me) => {
      qc.clear();
      setCsrfFallback(me.csrfToken);
      qc.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => {
      setCsrfFallback(null);
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post('/auth/change-password', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

export function useSaveLocale() {
  return useMutation({ mutationFn: (locale: Locale) => api.put('/auth/locale', { body: { locale } }) });
}
