import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useRouteList } from '../../components/list-kit/query';

export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'unread-count'] as const,
  latest: ['notifications', 'latest'] as const,
  list: (unread: boolean) => ['notifications', 'list', unread] as const,
};

/** The bell's badge: polled every 30 s while the page is visible and refreshed when the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: () => api.get('/notifications/unread-count').then((r) => r.unread),
    refetchInterval: 30_000,
    refetchOnWindowFocus: 'always',
    staleTime: 0,
    retry: false,
  });
}

/** The latest eight, for the bell's dropdown. */
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.latest,
    queryFn: () => api.get('/notifications', { query: { limit: 8 } }),
    enabled,
    staleTime: 0,
  });
}

export function useNotificationList(unread: boolean) {
  return useRouteList({
    queryKey: notificationKeys.list(unread),
    path: '/notifications',
    query: { unread: unread ? '1' : undefined },
    limit: 20,
    keepPrevious: false,
  });
}

/** Marks some (ids) or all notifications read; the badge takes the count from the reply. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => api.post('/notifications/read', { body }),
    onSuccess: async (r) => {
      qc.setQueryData(notificationKeys.count, r.unread);
      await qc.invalidateQueries({
        queryKey: notificationKeys.all,
        predicate: (q) => q.queryKey[1] !== 'unread-count',
      });
    },
  });
}
