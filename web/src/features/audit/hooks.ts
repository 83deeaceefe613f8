import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditListQuery, AuditView, Page } from '@touyan/schemas';
import { api } from '../../api/client';

export type AuditFilters = Partial<Pick<AuditListQuery, 'userId' | 'entityType' | 'action' | 'from' | 'to'>>;

export function useAuditList(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit-logs', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditView>>('/audit-logs', { ...filters, limit: 30, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
